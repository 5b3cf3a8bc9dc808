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

    /** A recipe with a constant learning rate, no validation split and no early stopping. */
    public static TrainingRecipe of(Optimizer optimizer, Loss loss, int batchSize, int epochs) {
        return new TrainingRecipe(optimizer, LearningRateSchedule.constant(), loss, batchSize, epochs, 0.0,
                Optional.empty());
    }

    public TrainingRecipe withOptimizer(Optimizer o) {
        return new TrainingRecipe(o, schedule, loss, batchSize, epochs, validationSplit, earlyStopping);
    }

    public TrainingRecipe withSchedule(LearningRateSchedule s) {
        return new TrainingRecipe(optimizer, s, loss, batchSize, epochs, validationSplit, earlyStopping);
    }

    public TrainingRecipe withLoss(Loss l) {
        return new TrainingRecipe(optimizer, schedule, l, batchSize, epochs, validationSplit, earlyStopping);
    }

    public TrainingRecipe withBatchSize(int b) {
        return new TrainingRecipe(optimizer, schedule, loss, b, epochs, validationSplit, earlyStopping);
    }

    public TrainingRecipe withEpochs(int e) {
        return new TrainingRecipe(optimizer, schedule, loss, batchSize, e, validationSplit, earlyStopping);
    }

    public TrainingRecipe withValidationSplit(double v) {
        return new TrainingRecipe(optimizer, schedule, loss, batchSize, epochs, v, earlyStopping);
    }

    public TrainingRecipe withEarlyStopping(EarlyStopping e) {
        return new TrainingRecipe(optimizer, schedule, loss, batchSize, epochs, validationSplit, Optional.of(e));
    }

    public TrainingRecipe withoutEarlyStopping() {
        return new TrainingRecipe(optimizer, schedule, loss, batchSize, epochs, validationSplit, Optional.empty());
    }
}
