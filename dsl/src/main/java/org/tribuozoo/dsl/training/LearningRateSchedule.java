package org.tribuozoo.dsl.training;

/** How the base learning rate changes over training (on top of an optimizer's own decay). */
public sealed interface LearningRateSchedule {

    /**
     * The learning rate for a step, given the base rate.
     *
     * @param base the optimizer's base learning rate
     * @param step the optimizer step, counted from 0 over the whole training
     * @return the learning rate for that step
     */
    double rate(double base, long step);

    /** {@return the base rate throughout} */
    static LearningRateSchedule constant() {
        return Constant.INSTANCE;
    }

    /**
     * Multiplies the rate by {@code factor} every {@code everySteps} optimizer steps.
     *
     * @param factor     the factor, in (0, 1] (0.5 halves the rate)
     * @param everySteps the optimizer steps between decays, positive
     * @return the schedule
     * @throws IllegalArgumentException if the factor is outside (0, 1] or the interval is not positive
     */
    static LearningRateSchedule stepDecay(double factor, long everySteps) {
        return new StepDecay(factor, everySteps);
    }

    /** The base rate throughout. */
    enum Constant implements LearningRateSchedule {
        /** The only value. */
        INSTANCE;

        @Override
        public double rate(double base, long step) {
            return base;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /**
     * {@code base * factor^floor(step / everySteps)}.
     *
     * @param factor     the factor, in (0, 1]
     * @param everySteps the optimizer steps between decays, positive
     */
    record StepDecay(double factor, long everySteps) implements LearningRateSchedule {
        /**
         * Checks the settings.
         *
         * @param factor     the factor, in (0, 1]
         * @param everySteps the optimizer steps between decays, positive
         * @throws IllegalArgumentException if the factor is outside (0, 1] or the interval is not positive
         */
        public StepDecay {
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("step decay factor must be in (0, 1], got " + factor);
            }
            if (everySteps <= 0) {
                throw new IllegalArgumentException("step decay interval must be positive, got " + everySteps);
            }
        }

        @Override
        public double rate(double base, long step) {
            return base * Math.pow(factor, Math.floorDiv(step, everySteps));
        }

        @Override
        public String toString() {
            String every = String.format(java.util.Locale.ROOT, "every %,d steps", everySteps);
            return (factor == 0.5 ? "halved " : "times " + factor + " ") + every;
        }
    }
}
