package org.tribuozoo.dsl.training;

/** How the base learning rate changes over training (on top of an optimizer's own decay). */
public sealed interface LearningRateSchedule {

    /** The learning rate for a step, given the base rate. */
    double rate(double base, long step);

    /** The base rate throughout. */
    static LearningRateSchedule constant() {
        return Constant.INSTANCE;
    }

    /** Multiplies the rate by {@code factor} every {@code everySteps} optimizer steps. */
    static LearningRateSchedule stepDecay(double factor, long everySteps) {
        return new StepDecay(factor, everySteps);
    }

    /** The base rate throughout. */
    enum Constant implements LearningRateSchedule {
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

    /** {@code base * factor^floor(step / everySteps)}. */
    record StepDecay(double factor, long everySteps) implements LearningRateSchedule {
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
