package org.tribuozoo.dsl.training;

import java.util.Objects;
import java.util.Optional;

/**
 * How a network is trained by default: what a zoo entry's reference recipe says, and what a
 * trainer starts from before a user overrides any setting.
 *
 * @param optimizer        the optimizer and its hyper-parameters
 * @param schedule         how the learning rate changes over steps
 * @param loss             the loss
 * @param batchSize        examples per step
 * @param epochs           passes over the training data
 * @param validationSplit  fraction of the training data held out for validation (0 for none)
 * @param earlyStopping    early stopping, if any
 */
public record TrainingRecipe(Optimizer optimizer, LearningRateSchedule schedule, Loss loss, int batchSize, int epochs,
                             double validationSplit, Optional<EarlyStopping> earlyStopping) {

    /**
     * Checks the recipe.
     *
     * @param optimizer        the optimizer and its hyper-parameters
     * @param schedule         how the learning rate changes over steps
     * @param loss             the loss
     * @param batchSize        examples per step, positive
     * @param epochs           passes over the training data, positive
     * @param validationSplit  fraction of the training data held out for validation, in [0, 1) (0 for none)
     * @param earlyStopping    early stopping, or empty for none
     * @throws NullPointerException     if an object setting is null
     * @throws IllegalArgumentException if the batch size or epochs is not positive, the validation split is
     *                                  outside [0, 1), or early stopping watches a validation quantity
     *                                  without a validation split
     */
    public TrainingRecipe {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
        }
        if (earlyStopping.isPresent() && earlyStopping.get().monitor().needsValidation() && validationSplit == 0) {
            throw new IllegalArgumentException("early stopping on " + earlyStopping.get().monitor().configName()
                    + " needs a validation split");
        }
    }

    /**
     * A recipe with a constant learning rate, no validation split and no early stopping.
     *
     * @param optimizer the optimizer, not null
     * @param loss      the loss, not null
     * @param batchSize examples per step, positive
     * @param epochs    passes over the training data, positive
     * @return the recipe
     * @throws NullPointerException     if the optimizer or loss is null
     * @throws IllegalArgumentException if the batch size or epochs is not positive
     */
    public static TrainingRecipe of(Optimizer optimizer, Loss loss, int batchSize, int epochs) {
        return new TrainingRecipe(optimizer, LearningRateSchedule.constant(), loss, batchSize, epochs, 0.0,
                Optional.empty());
    }

    /**
     * The same recipe with another optimizer.
     *
     * @param o the optimizer, not null
     * @return the changed recipe
     */
    public TrainingRecipe withOptimizer(Optimizer o) {
        return new TrainingRecipe(o, schedule, loss, batchSize, epochs, validationSplit, earlyStopping);
    }

    /**
     * The same recipe with another learning-rate schedule.
     *
     * @param s the schedule, not null
     * @return the changed recipe
     */
    public TrainingRecipe withSchedule(LearningRateSchedule s) {
        return new TrainingRecipe(optimizer, s, loss, batchSize, epochs, validationSplit, earlyStopping);
    }

    /**
     * The same recipe with another loss.
     *
     * @param l the loss, not null
     * @return the changed recipe
     */
    public TrainingRecipe withLoss(Loss l) {
        return new TrainingRecipe(optimizer, schedule, l, batchSize, epochs, validationSplit, earlyStopping);
    }

    /**
     * The same recipe with another batch size.
     *
     * @param b examples per step, positive
     * @return the changed recipe
     * @throws IllegalArgumentException if {@code b} is not positive
     */
    public TrainingRecipe withBatchSize(int b) {
        return new TrainingRecipe(optimizer, schedule, loss, b, epochs, validationSplit, earlyStopping);
    }

    /**
     * The same recipe with another number of epochs.
     *
     * @param e passes over the training data, positive
     * @return the changed recipe
     * @throws IllegalArgumentException if {@code e} is not positive
     */
    public TrainingRecipe withEpochs(int e) {
        return new TrainingRecipe(optimizer, schedule, loss, batchSize, e, validationSplit, earlyStopping);
    }

    /**
     * The same recipe with another validation split.
     *
     * @param v the fraction held out, in [0, 1); 0 for none
     * @return the changed recipe
     * @throws IllegalArgumentException if {@code v} is outside [0, 1), or is 0 while early stopping watches a
     *                                  validation quantity
     */
    public TrainingRecipe withValidationSplit(double v) {
        return new TrainingRecipe(optimizer, schedule, loss, batchSize, epochs, v, earlyStopping);
    }

    /**
     * The same recipe with early stopping.
     *
     * @param e the early stopping, not null
     * @return the changed recipe
     * @throws IllegalArgumentException if it watches a validation quantity and the recipe has no
     *                                  validation split
     */
    public TrainingRecipe withEarlyStopping(EarlyStopping e) {
        return new TrainingRecipe(optimizer, schedule, loss, batchSize, epochs, validationSplit, Optional.of(e));
    }

    /**
     * The same recipe without early stopping: training runs every epoch.
     *
     * @return the changed recipe
     */
    public TrainingRecipe withoutEarlyStopping() {
        return new TrainingRecipe(optimizer, schedule, loss, batchSize, epochs, validationSplit, Optional.empty());
    }
}
