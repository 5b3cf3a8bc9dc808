package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.tribuozoo.dsl.training.LearningRateSchedule;

/** {@link LearningRateSchedule.StepDecay}: the rate times {@code factor} every {@code everySteps} optimizer steps. */
public final class StepDecayConfig implements ScheduleConfig {

    @Config(mandatory = true, description = "Factor applied every everySteps steps, in (0, 1].")
    private double factor;

    @Config(mandatory = true, description = "Optimizer steps between changes.")
    private long everySteps;

    /** For OLCUT. */
    private StepDecayConfig() {
    }

    /**
     * The component of a step-decay value.
     *
     * @param value the schedule whose factor and step interval the fields take
     */
    public StepDecayConfig(LearningRateSchedule.StepDecay value) {
        factor = value.factor();
        everySteps = value.everySteps();
    }

    @Override
    public LearningRateSchedule.StepDecay toDsl() {
        return DslConfig.build(() -> new LearningRateSchedule.StepDecay(factor, everySteps));
    }

    @Override
    public String toString() {
        return toDsl().toString();
    }
}
