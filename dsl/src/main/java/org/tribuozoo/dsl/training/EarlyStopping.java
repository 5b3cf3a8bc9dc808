package org.tribuozoo.dsl.training;

import java.util.Objects;

/**
 * Stops training when the monitored quantity has not improved by more than {@code minDelta} for
 * {@code patience} epochs, as Keras's EarlyStopping callback.
 *
 * @param monitor             the quantity watched
 * @param patience            epochs without improvement before stopping
 * @param minDelta            the smallest change that counts as an improvement
 * @param restoreBestWeights  whether to end with the best epoch's weights
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBestWeights) {

    public EarlyStopping {
        Objects.requireNonNull(monitor, "monitor");
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping patience must be >= 0, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("early stopping min delta must be >= 0, got " + minDelta);
        }
    }

    /** Watches the validation loss with this patience, no minimum delta, keeps the last weights (Keras's defaults). */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(Monitor.VAL_LOSS, patience, 0.0, false);
    }

    /** The quantities early stopping can watch. */
    public enum Monitor {
        LOSS("loss", false), ACCURACY("accuracy", true), VAL_LOSS("val_loss", false), VAL_ACCURACY("val_accuracy", true);

        private final String configName;
        private final boolean higherIsBetter;

        Monitor(String configName, boolean higherIsBetter) {
            this.configName = configName;
            this.higherIsBetter = higherIsBetter;
        }

        public String configName() {
            return configName;
        }

        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        /** True when the quantity needs a validation set. */
        public boolean needsValidation() {
            return this == VAL_LOSS || this == VAL_ACCURACY;
        }

        public static Monitor fromConfigName(String name) {
            for (Monitor m : values()) {
                if (m.configName.equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown early-stopping monitor '" + name
                    + "' (known: loss, accuracy, val_loss, val_accuracy)");
        }
    }
}
