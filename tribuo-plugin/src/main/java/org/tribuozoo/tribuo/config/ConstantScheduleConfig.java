package org.tribuozoo.tribuo.config;

import org.tribuozoo.dsl.training.LearningRateSchedule;

/** {@link LearningRateSchedule.Constant}: the base rate throughout. */
public final class ConstantScheduleConfig implements ScheduleConfig {

    /** For OLCUT. */
    public ConstantScheduleConfig() {
    }

    @Override
    public LearningRateSchedule toDsl() {
        return LearningRateSchedule.constant();
    }

    @Override
    public String toString() {
        return toDsl().toString();
    }
}
