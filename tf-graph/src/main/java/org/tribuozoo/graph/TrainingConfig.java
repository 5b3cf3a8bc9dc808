package org.tribuozoo.graph;

import java.util.Objects;

import org.tribuozoo.dsl.training.LearningRateSchedule;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.dsl.training.TrainingRecipe;

/**
 * What a compiled network is built for: its loss, optimizer and learning-rate schedule, the seed of
 * its first weights, the native thread counts and the replicas each batch is split into (see
 * {@link Parallelism}).
 *
 * @param loss           the loss
 * @param optimizer      the optimizer, with its base learning rate
 * @param schedule       how the learning rate changes with the optimizer step
 * @param seed           seeds the first weights (each parameter from its own stream)
 * @param intraOpThreads threads inside one op (a convolution), or {@link Parallelism#AUTOMATIC} (the
 *                       default) for 1 with several replicas and {@code interOpThreads} otherwise.
 *                       TensorFlow keeps the first network's count for the whole process, so results
 *                       (and speed) follow the first network's setting; bits differ between 1 and 2
 * @param interOpThreads ops (and replicas) run side by side; the cores available by default
 * @param replicas       slices of each batch trained side by side, or {@link Parallelism#AUTOMATIC} (the
 *                       default) for one per inter-op thread, or 1 where the network trains batch
 *                       statistics
 */
public record TrainingConfig(Loss loss, Optimizer optimizer, LearningRateSchedule schedule, long seed,
                             int intraOpThreads, int interOpThreads, int replicas) {

    /**
     * Checks the configuration.
     *
     * @param loss           the loss
     * @param optimizer      the optimizer
     * @param schedule       the learning-rate schedule
     * @param seed           the seed of the first weights; any value
     * @param intraOpThreads threads inside one op, or {@link Parallelism#AUTOMATIC}
     * @param interOpThreads ops run side by side
     * @param replicas       slices of each batch, or {@link Parallelism#AUTOMATIC}
     * @throws NullPointerException     if the loss, optimizer or schedule is null
     * @throws IllegalArgumentException if a thread or replica count is outside {@link ThreadLimits}
     */
    public TrainingConfig {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (intraOpThreads != Parallelism.AUTOMATIC) {
            ThreadLimits.check("intraOpThreads", intraOpThreads);
        }
        ThreadLimits.check("interOpThreads", interOpThreads);
        if (replicas != Parallelism.AUTOMATIC) {
            ThreadLimits.check("replicas", replicas);
        }
    }

    /**
     * A configuration with a constant rate, seed 0, every available core and the automatic choice
     * between threads inside ops and replicas.
     *
     * @param loss      the loss
     * @param optimizer the optimizer, with its base learning rate
     * @return the configuration
     */
    public static TrainingConfig of(Loss loss, Optimizer optimizer) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new TrainingConfig(loss, optimizer, LearningRateSchedule.constant(), 0L, Parallelism.AUTOMATIC, cores,
                Parallelism.AUTOMATIC);
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
        return new TrainingConfig(loss, optimizer, schedule, newSeed, intraOpThreads, interOpThreads, replicas);
    }

    /**
     * This configuration with other native thread counts.
     *
     * @param intra threads inside one op, or {@link Parallelism#AUTOMATIC}
     * @param inter ops run side by side
     * @return a copy with the thread counts replaced
     * @throws IllegalArgumentException if a count is outside {@link ThreadLimits}
     */
    public TrainingConfig withThreads(int intra, int inter) {
        return new TrainingConfig(loss, optimizer, schedule, seed, intra, inter, replicas);
    }

    /**
     * This configuration with another learning-rate schedule.
     *
     * @param newSchedule how the rate changes with the optimizer step
     * @return a copy with the schedule replaced
     */
    public TrainingConfig withSchedule(LearningRateSchedule newSchedule) {
        return new TrainingConfig(loss, optimizer, newSchedule, seed, intraOpThreads, interOpThreads, replicas);
    }

    /**
     * This configuration with another optimizer.
     *
     * @param newOptimizer the optimizer, with its base learning rate
     * @return a copy with the optimizer replaced
     */
    public TrainingConfig withOptimizer(Optimizer newOptimizer) {
        return new TrainingConfig(loss, newOptimizer, schedule, seed, intraOpThreads, interOpThreads, replicas);
    }

    /**
     * This configuration with another loss.
     *
     * @param newLoss the loss
     * @return a copy with the loss replaced
     */
    public TrainingConfig withLoss(Loss newLoss) {
        return new TrainingConfig(newLoss, optimizer, schedule, seed, intraOpThreads, interOpThreads, replicas);
    }

    /**
     * This configuration with another count of replicas: the slices each batch is cut into, trained
     * side by side with their gradients added (see {@link Parallelism}).
     *
     * @param count the slices, or {@link Parallelism#AUTOMATIC}
     * @return a copy with the count replaced
     * @throws IllegalArgumentException if the count is outside {@link ThreadLimits}
     */
    public TrainingConfig withReplicas(int count) {
        return new TrainingConfig(loss, optimizer, schedule, seed, intraOpThreads, interOpThreads, count);
    }
}
