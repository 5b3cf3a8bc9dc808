package org.tribuozoo.dsl;

/** A constraint applied to a kernel after each optimizer update. */
public sealed interface Constraint {

    /** {@return no constraint: the weights are left as the optimizer made them} */
    static Constraint none() {
        return None.INSTANCE;
    }

    /**
     * Keras's {@code max_norm}: the norm over all axes but the output axis is at most {@code maxValue}.
     *
     * @param maxValue the largest L2 norm of one output unit's incoming weights, positive and finite
     * @return the constraint
     * @throws IllegalArgumentException if {@code maxValue} is not positive or not finite
     */
    static Constraint maxNorm(double maxValue) {
        return new MaxNorm(maxValue);
    }

    /** No constraint. */
    enum None implements Constraint {
        /** The only value. */
        INSTANCE
    }

    /**
     * Rescales each output unit's incoming weights so that their L2 norm is at most {@code maxValue}.
     *
     * @param maxValue the largest L2 norm, positive and finite
     */
    record MaxNorm(double maxValue) implements Constraint {
        /**
         * Checks the bound.
         *
         * @param maxValue the largest L2 norm, positive and finite
         * @throws IllegalArgumentException if {@code maxValue} is not positive or not finite
         */
        public MaxNorm {
            if (!(maxValue > 0) || !Double.isFinite(maxValue)) {
                throw new IllegalArgumentException("max_norm needs a positive finite value, got " + maxValue);
            }
        }
    }
}
