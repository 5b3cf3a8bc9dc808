package org.tribuozoo.graph;

import java.util.Objects;

import org.tribuozoo.dsl.training.LearningRateSchedule;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;

/**
 * What a compiled network is built for: its loss, optimizer and learning-rate schedule, the seed of
 * its first weights and the native thread counts.
 *
 * @param loss           the loss
 * @param optimizer      the optimizer, with its base learning rate
 * @param schedule       how the learning rate changes with the optimizer step
 * @param seed           seeds the first weights (each parameter from its own stream)
 * @param intraOpThreads threads inside one op (a convolution); the cores available by default. TensorFlow
 *                       keeps the first network's count for the whole process, so results (and
 *                       speed) follow the first network's setting; bits differ between 1 and 2
 * @param interOpThreads ops run side by side; the cores available by default
 */
public record TrainingConfig(Loss loss, Optimizer optimizer, LearningRateSchedule schedule, long seed,
                             int intraOpThreads, int interOpThreads) {

    /**
     * Checks the configuration.
     *
     * @param loss           the loss
     * @param optimizer      the optimizer
     * @param schedule       the learning-rate schedule
     * @param seed           the seed of the first weights; any value
     * @param intraOpThreads threads inside one op
     * @param interOpThreads ops run side by side
     * @throws NullPointerException     if the loss, optimizer or schedule is null
     * @throws IllegalArgumentException if a thread count is outside {@link ThreadLimits}
     */
    public TrainingConfig {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        ThreadLimits.check("intraOpThreads", intraOpThreads);
        ThreadLimits.check("interOpThreads", interOpThreads);
    }

    /**
     * A configuration with a constant rate, seed 0 and every available core.
     *
     * @param loss      the loss
     * @param optimizer the optimizer, with its base learning rate
     * @return the configuration
     */
    public static TrainingConfig of(Loss loss, Optimizer optimizer) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new TrainingConfig(loss, optimizer, LearningRateSchedule.constant(), 0L, cores, cores);
    }

    /**
     * The loss, optimizer and schedule of a recipe, with seed 0 and every available core.
     *
     * @param recipe the training recipe (its epochs, batch size and augmentation are not used here)
     * @return the configuration
     */
    public static TrainingConfig of(TrainingRecipe recipe) {
        return of(recipe.loss(), recipe.optimizer()).withSchedule(recipe.schedule());
    }

    /**
     * This configuration with another seed for the first weights.
     *
     * @param newSeed the seed; any value
     * @return a copy with the seed replaced
     */
    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(loss, optimizer, schedule, newSeed, intraOpThreads, interOpThreads);
    }

    /**
     * This configuration with other native thread counts.
     *
     * @param intra threads inside one op
     * @param inter ops run side by side
     * @return a copy with the thread counts replaced
     * @throws IllegalArgumentException if a count is outside {@link ThreadLimits}
     */
    public TrainingConfig withThreads(int intra, int inter) {
        return new TrainingConfig(loss, optimizer, schedule, seed, intra, inter);
    }

    /**
     * This configuration with another learning-rate schedule.
     *
     * @param newSchedule how the rate changes with the optimizer step
     * @return a copy with the schedule replaced
     */
    public TrainingConfig withSchedule(LearningRateSchedule newSchedule) {
        return new TrainingConfig(loss, optimizer, newSchedule, seed, intraOpThreads, interOpThreads);
    }

    /**
     * This configuration with another optimizer.
     *
     * @param newOptimizer the optimizer, with its base learning rate
     * @return a copy with the optimizer replaced
     */
    public TrainingConfig withOptimizer(Optimizer newOptimizer) {
        return new TrainingConfig(loss, newOptimizer, schedule, seed, intraOpThreads, interOpThreads);
    }

    /**
     * This configuration with another loss.
     *
     * @param newLoss the loss
     * @return a copy with the loss replaced
     */
    public TrainingConfig withLoss(Loss newLoss) {
        return new TrainingConfig(newLoss, optimizer, schedule, seed, intraOpThreads, interOpThreads);
    }
}
