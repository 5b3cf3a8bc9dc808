package org.tribuozoo.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * The update ops of the four optimizers, with Keras's semantics, on reference variables.
 *
 * <p>Adam, RMSProp, AdaGrad and plain SGD use TensorFlow's fused training kernels, whose formulas are
 * Keras's: Adam {@code lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)}, {@code w -= lr_t m / (sqrt(v) + eps)};
 * RMSProp {@code ms = rho ms + (1 - rho) g^2}, {@code mom = momentum mom + lr g / sqrt(ms + eps)},
 * {@code w -= mom}; AdaGrad {@code acc += g^2}, {@code w -= lr g / (sqrt(acc) + eps)}. SGD with momentum
 * is written out because Keras keeps a velocity {@code v = momentum v - lr_t g} (and Nesterov
 * {@code w += momentum v - lr_t g}), which differs from TensorFlow's ApplyMomentum once the rate
 * decays. Adam's bias correction reads the step counter {@code t = iterations + 1} directly, so there
 * is no separate beta-power state to race with the updates.
 *
 * <p>The caller orders things: every update runs after every gradient (a reference variable read
 * by a later gradient must not already be updated), and the step counter after every update.
 */
final class OptimizerUpdates {

    private final Ops tf;
    private final Optimizer optimizer;
    private final Variable<TFloat32> learningRate;
    private final Placeholder<TFloat32> learningRateValue;
    private final Op setLearningRate;
    private final Variable<TInt64> iterations;
    private final Placeholder<TInt64> iterationsValue;
    private final Op setIterations;
    private final List<Op> resetOps = new ArrayList<>();
    /** Every slot variable, keyed {@code layer/param/slot} (see {@link OptimizerState}), in creation order. */
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    /**
     * A slot variable and the op that loads a fed value into it.
     *
     * @param variable the slot, shaped like its parameter
     * @param value    feed the values to load here
     * @param load     assigns {@code value} to {@code variable}
     */
    record Slot(Variable<TFloat32> variable, Placeholder<TFloat32> value, Op load) {
    }

    OptimizerUpdates(Ops tf, Optimizer optimizer) {
        this.tf = tf.withSubScope("optimizer");
        this.optimizer = optimizer;
        this.learningRate = this.tf.withName("learning_rate").variable(org.tensorflow.ndarray.Shape.scalar(),
                TFloat32.class);
        this.learningRateValue = this.tf.withName("learning_rate_value").placeholder(TFloat32.class,
                Placeholder.shape(org.tensorflow.ndarray.Shape.scalar()));
        this.setLearningRate = this.tf.assign(learningRate, learningRateValue);
        this.iterations = this.tf.withName("iterations").variable(org.tensorflow.ndarray.Shape.scalar(), TInt64.class);
        resetOps.add(this.tf.assign(iterations, this.tf.constant(0L)));
        this.iterationsValue = this.tf.withName("iterations_value").placeholder(TInt64.class,
                Placeholder.shape(org.tensorflow.ndarray.Shape.scalar()));
        this.setIterations = this.tf.assign(iterations, iterationsValue);
    }

    /** The optimizer's configuration name, as {@link OptimizerState} records it. */
    String name() {
        return optimizer.configName();
    }

    /** Sets the step counter: feed {@link #iterationsValue()}. */
    Op setIterations() {
        return setIterations;
    }

    Placeholder<TInt64> iterationsValue() {
        return iterationsValue;
    }

    /** Every slot variable by key {@code layer/param/slot}, in the order the updates made them. */
    Map<String, Slot> slots() {
        return slots;
    }

    /** Sets the rate variable: feed {@link #learningRateValue()}. */
    Op setLearningRate() {
        return setLearningRate;
    }

    Placeholder<TFloat32> learningRateValue() {
        return learningRateValue;
    }

    Variable<TInt64> iterations() {
        return iterations;
    }

    /** Ops that zero the step counter and put every slot at its initial value. */
    List<Op> resetOps() {
        return resetOps;
    }

    /**
     * The update of one variable from its gradient.
     *
     * @param ordered the scope the update ops are made in (carrying the caller's control dependencies);
     *                slot variables are made outside it, since a variable op waiting for the gradients
     *                that read it would be a cycle
     * @param slots   the scope slot variables are made in, on their parameter's device; null for this
     *                object's own scope (a graph for one process)
     * @param key     the parameter's key {@code layer/param}, which names its slots
     */
    Op update(Ops ordered, Ops slots, String key, Variable<TFloat32> variable, Operand<TFloat32> gradient) {
        Ops tf = ordered.withSubScope("optimizer");
        Ops slotScope = slots == null ? this.tf : slots.withSubScope("optimizer");
        if (optimizer instanceof Optimizer.Adam a) {
            Operand<TFloat32> t = tf.dtypes.cast(tf.math.add(iterations, tf.constant(1L)), TFloat32.class);
            return tf.train.applyAdam(variable, slot(slotScope, key, "m", variable, 0f),
                    slot(slotScope, key, "v", variable, 0f),
                    tf.math.pow(f(a.beta1()), t), tf.math.pow(f(a.beta2()), t), learningRate, f(a.beta1()),
                    f(a.beta2()), f(a.epsilon()), gradient);
        }
        if (optimizer instanceof Optimizer.RmsProp r) {
            return tf.train.applyRmsProp(variable, slot(slotScope, key, "ms", variable, 0f),
                    slot(slotScope, key, "mom", variable, 0f),
                    learningRate, f(r.rho()), f(r.momentum()), f(r.epsilon()), gradient);
        }
        if (optimizer instanceof Optimizer.AdaGrad a) {
            return tf.train.applyAdagradV2(variable, slot(slotScope, key, "accumulator", variable,
                    (float) a.initialAccumulator()), learningRate, f(a.epsilon()), gradient);
        }
        if (optimizer instanceof Optimizer.Sgd s) {
            return sgd(tf, slotScope, s, key, variable, gradient);
        }
        throw new IllegalArgumentException("unsupported optimizer " + optimizer);
    }

    private Op sgd(Ops tf, Ops slotScope, Optimizer.Sgd s, String key, Variable<TFloat32> variable, Operand<TFloat32> gradient) {
        Operand<TFloat32> rate = learningRate;
        if (s.decay() > 0) {
            // Keras 2's time decay: lr / (1 + decay * iterations), iterations counted before this step.
            Operand<TFloat32> its = tf.dtypes.cast(iterations, TFloat32.class);
            rate = tf.math.div(learningRate, tf.math.add(tf.constant(1f), tf.math.mul(f(s.decay()), its)));
        }
        if (s.momentum() == 0) {
            return tf.train.applyGradientDescent(variable, rate, gradient);
        }
        Variable<TFloat32> velocity = slot(slotScope, key, "velocity", variable, 0f);
        Operand<TFloat32> step = tf.math.mul(rate, gradient);
        Operand<TFloat32> newVelocity = tf.assign(velocity, tf.math.sub(tf.math.mul(f(s.momentum()), velocity), step));
        Operand<TFloat32> delta = s.nesterov()
                ? tf.math.sub(tf.math.mul(f(s.momentum()), newVelocity), step)
                : newVelocity;
        return tf.assignAdd(variable, delta);
    }

    /** A slot variable shaped like {@code variable}, reset to {@code initial}, loadable by its key. */
    private Variable<TFloat32> slot(Ops tf, String key, String name, Variable<TFloat32> variable, float initial) {
        Variable<TFloat32> slot = tf.variable(variable.shape(), TFloat32.class);
        resetOps.add(tf.assign(slot, tf.fill(tf.constant(variable.shape()), tf.constant(initial))));
        Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(variable.shape()));
        slots.put(OptimizerState.slotKey(key, name), new Slot(slot, value, tf.assign(slot, value)));
        return slot;
    }

    private Operand<TFloat32> f(double v) {
        return tf.constant((float) v);
    }
}
