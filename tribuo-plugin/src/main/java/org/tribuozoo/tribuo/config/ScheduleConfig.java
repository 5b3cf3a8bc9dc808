package org.tribuozoo.tribuo.config;

import org.tribuozoo.dsl.training.LearningRateSchedule;

/** A learning-rate schedule as a configurable component: {@link ConstantScheduleConfig}, {@link StepDecayConfig}. */
public interface ScheduleConfig extends DslConfig<LearningRateSchedule> {

    /**
     * The component for a schedule value.
     *
     * @param schedule a constant or step-decay schedule
     * @return the matching component, whose {@link #toDsl()} gives back an equal value
     * @throws IllegalArgumentException if the schedule is of another kind
     */
    static ScheduleConfig of(LearningRateSchedule schedule) {
        if (schedule instanceof LearningRateSchedule.StepDecay s) {
            return new StepDecayConfig(s);
        } else if (schedule instanceof LearningRateSchedule.Constant) {
            return new ConstantScheduleConfig();
        }
        throw new IllegalArgumentException("no configuration component for schedule " + schedule);
    }
}
