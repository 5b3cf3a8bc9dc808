package org.tribuozoo.graph;

import java.util.Objects;

/**
 * What an optimizer has accumulated while training, beyond the weights: the step counter and every
 * slot variable. With the weights it decides every later step bit for bit, so a run restored from it
 * continues as if it had never stopped. {@link CompiledNetwork#optimizerState()} reads it,
 * {@link CompiledNetwork#setOptimizerState} writes it back.
 *
 * <p>Slots are keyed {@code layer/param/slot}, each shaped like its parameter:
 * <ul>
 *   <li>{@code adam}: {@code m} (first moment) and {@code v} (second moment);</li>
 *   <li>{@code rmsprop}: {@code ms} (mean square) and {@code mom} (momentum);</li>
 *   <li>{@code adagrad}: {@code accumulator};</li>
 *   <li>{@code sgd}: {@code velocity} with momentum, none without.</li>
 * </ul>
 * Frozen parameters have no slots.
 *
 * @param optimizer the optimizer's configuration name ({@code sgd}, {@code adam}, {@code rmsprop},
 *                  {@code adagrad}); slots are only restored into the same kind
 * @param steps     optimizer steps taken: Adam's bias correction, SGD's decay and the learning-rate
 *                  schedule read it, and the dropout masks are keyed by it
 * @param slots     every slot's values
 */
public record OptimizerState(String optimizer, long steps, Weights slots) {

    /**
     * Checks the state.
     *
     * @param optimizer the optimizer's configuration name
     * @param steps     optimizer steps taken; not negative
     * @param slots     every slot's values; empty for plain SGD
     * @throws NullPointerException     if {@code optimizer} or {@code slots} is null
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public OptimizerState {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(slots, "slots");
        if (steps < 0) {
            throw new IllegalArgumentException("optimizer steps must not be negative, got " + steps);
        }
    }

    /**
     * The slot key of a parameter's slot: {@code layer/param/slot}.
     *
     * @param parameterKey the parameter's key, {@code layer/param}
     * @param slot         the slot's name, for example {@code m} or {@code velocity}
     * @return the key the slot has in {@link #slots()}
     */
    public static String slotKey(String parameterKey, String slot) {
        return parameterKey + "/" + slot;
    }
}
