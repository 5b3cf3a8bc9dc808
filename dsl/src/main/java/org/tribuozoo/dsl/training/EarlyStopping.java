package org.tribuozoo.dsl.training;

import java.util.Objects;

/**
 * Stops training when the monitored quantity has not improved by more than {@code minDelta} for
 * {@code patience} epochs, as Keras's EarlyStopping callback.
 *
 * @param monitor             the quantity watched
 * @param patience            epochs without improvement before stopping, at least 0
 * @param minDelta            the smallest change that counts as an improvement, at least 0
 * @param restoreBestWeights  whether to end with the best epoch's weights (otherwise the last epoch's)
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBestWeights) {

    /**
     * Checks the settings.
     *
     * @param monitor             the quantity watched, not null
     * @param patience            epochs without improvement before stopping, at least 0
     * @param minDelta            the smallest change that counts as an improvement, finite and at least 0
     * @param restoreBestWeights  whether to end with the best epoch's weights
     * @throws NullPointerException     if the monitor is null
     * @throws IllegalArgumentException if the patience or the minimum delta is negative, or the delta is
     *                                  not finite
     */
    public EarlyStopping {
        Objects.requireNonNull(monitor, "monitor");
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping patience must be >= 0, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("early stopping min delta must be >= 0, got " + minDelta);
        }
    }

    /**
     * Watches the validation loss with this patience, no minimum delta, keeps the last weights (Keras's defaults).
     *
     * @param patience epochs without improvement before stopping, at least 0
     * @return the early stopping; the recipe using it needs a validation split
     * @throws IllegalArgumentException if the patience is negative
     */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(Monitor.VAL_LOSS, patience, 0.0, false);
    }

    /** The quantities early stopping can watch. */
    public enum Monitor {
        /** The training loss of the epoch; lower is better. */
        LOSS("loss", false),
        /** The training accuracy of the epoch; higher is better. */
        ACCURACY("accuracy", true),
        /** The loss on the validation split; lower is better. */
        VAL_LOSS("val_loss", false),
        /** The accuracy on the validation split; higher is better. */
        VAL_ACCURACY("val_accuracy", true);

        private final String configName;
        private final boolean higherIsBetter;

        Monitor(String configName, boolean higherIsBetter) {
            this.configName = configName;
            this.higherIsBetter = higherIsBetter;
        }

        /** {@return Keras's name of the quantity, for example {@code val_loss}} */
        public String configName() {
            return configName;
        }

        /** {@return true for an accuracy, false for a loss} */
        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        /** {@return true when the quantity needs a validation set} */
        public boolean needsValidation() {
            return this == VAL_LOSS || this == VAL_ACCURACY;
        }

        /**
         * Parses Keras's name of a quantity.
         *
         * @param name {@code loss}, {@code accuracy}, {@code val_loss} or {@code val_accuracy}
         * @return the quantity
         * @throws IllegalArgumentException if the name is unknown (the message lists the known ones)
         */
        public static Monitor fromConfigName(String name) {
            for (Monitor m : values()) {
                if (m.configName.equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown early-stopping monitor '" + name
                    + "' (known: loss, accuracy, val_loss, val_accuracy)");
        }
    }
}
