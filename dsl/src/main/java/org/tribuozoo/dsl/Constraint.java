package org.tribuozoo.dsl;

/** A constraint applied to a kernel after each optimizer update. */
public sealed interface Constraint {

    /** No constraint. */
    static Constraint none() {
        return None.INSTANCE;
    }

    /** Keras's {@code max_norm}: the norm over all axes but the output axis is at most {@code maxValue}. */
    static Constraint maxNorm(double maxValue) {
        return new MaxNorm(maxValue);
    }

    /** No constraint. */
    enum None implements Constraint {
        INSTANCE
    }

    /** Rescales each output unit's incoming weights so that their L2 norm is at most {@code maxValue}. */
    record MaxNorm(double maxValue) implements Constraint {
        public MaxNorm {
            if (!(maxValue > 0) || !Double.isFinite(maxValue)) {
                throw new IllegalArgumentException("max_norm needs a positive finite value, got " + maxValue);
            }
        }
    }
}
