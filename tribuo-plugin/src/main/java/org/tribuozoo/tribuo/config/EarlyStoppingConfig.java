package org.tribuozoo.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Config;
import org.tribuozoo.dsl.training.EarlyStopping;

/**
 * {@link EarlyStopping} with Keras's semantics: stop once {@code patience} epochs in a row have not
 * improved the monitored figure by more than {@code minDelta}.
 */
public final class EarlyStoppingConfig implements DslConfig<EarlyStopping> {

    @Config(description = "The figure watched: loss, accuracy, val_loss or val_accuracy.")
    private String monitor = EarlyStopping.Monitor.VAL_LOSS.configName();

    @Config(description = "Epochs without improvement before stopping.")
    private int patience = 0;

    @Config(description = "The smallest change that counts as an improvement.")
    private double minDelta = 0.0;

    @Config(description = "Whether training ends with the best epoch's weights.")
    private boolean restoreBestWeights = false;

    /** Keras's defaults (val_loss, patience 0); for OLCUT. */
    public EarlyStoppingConfig() {
    }

    /**
     * The component of an early-stopping value.
     *
     * @param value the rule whose monitor, patience, minimum delta and restore flag the fields take
     */
    public EarlyStoppingConfig(EarlyStopping value) {
        monitor = value.monitor().configName();
        patience = value.patience();
        minDelta = value.minDelta();
        restoreBestWeights = value.restoreBestWeights();
    }

    @Override
    public EarlyStopping toDsl() {
        return DslConfig.build(() -> new EarlyStopping(EarlyStopping.Monitor.fromConfigName(monitor), patience,
                minDelta, restoreBestWeights));
    }

    @Override
    public String toString() {
        return toDsl().toString();
    }
}
