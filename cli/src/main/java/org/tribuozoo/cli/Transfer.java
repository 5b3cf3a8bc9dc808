package org.tribuozoo.cli;

import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuozoo.cli.data.DataSpec;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.tribuo.TransferLearning;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.zoo.KerasApplications.Pooling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code zoo train --from MODEL_FILE} trains: the model file's network, possibly cut and given a
 * new head ({@code --new-head}, on {@code --head-on}'s layer), with some layers frozen
 * ({@code --freeze-up-to}; none with {@code --unfreeze}; otherwise those the model file has frozen),
 * starting from the file's weights (or from fresh ones with {@code --from-scratch}, the baseline of a
 * transfer run). The network surgery is {@link TransferLearning}'s; this adds the command line's
 * rules and messages.
 *
 * @param from         the model file
 * @param model        the model read from it
 * @param architecture the network to train, its frozen layers marked
 * @param cutLayer     the last layer kept under a new head, or null without one
 * @param headLayers   the new head's layers (empty without one)
 * @param fromScratch  whether every weight starts from its initialiser rather than the model file's
 */
record Transfer(Path from, ZooModel model, Architecture architecture, String cutLayer, List<String> headLayers,
                boolean fromScratch) {

    Transfer {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(architecture, "architecture");
        headLayers = List.copyOf(headLayers);
    }

    /**
     * The transfer options of {@code zoo train}.
     *
     * @param newHead     the new head's units, or null to keep the network's head
     * @param headOn      the layer the new head goes on, or null for the default ({@code freezeUpTo}'s layer,
     *                    else the classifier's input)
     * @param pooling     the new head's pooling, or null for the default (average on an image, none on a vector)
     * @param freezeUpTo  the last layer to freeze, or null
     * @param unfreeze    whether to train every layer
     * @param fromScratch whether to take only the network from the model file, not its weights
     */
    record Options(Integer newHead, String headOn, Pooling pooling, String freezeUpTo, boolean unfreeze,
                   boolean fromScratch) {

        /** Checks the combinations, naming the options that do not go together. */
        Options {
            if (freezeUpTo != null && unfreeze) {
                throw new UserException("give either --freeze-up-to or --unfreeze, not both");
            }
            if (fromScratch && (freezeUpTo != null || unfreeze)) {
                throw new UserException("--from-scratch trains every layer from its initialiser; it does not go with "
                        + (unfreeze ? "--unfreeze" : "--freeze-up-to"));
            }
            if (newHead == null && (headOn != null || pooling != null)) {
                throw new UserException((headOn != null ? "--head-on" : "--head-pooling") + " needs --new-head N");
            }
            if (newHead != null && newHead < 2) {
                throw new UserException("--new-head must be at least 2 (one unit per label), got " + newHead);
            }
        }
    }

    /** Reads the model file and does the surgery the options ask for. */
    static Transfer of(Path from, Options o) {
        ZooModel model = ZooModel.load(from);
        Architecture network = model.architecture();
        if (o.newHead() == null) {
            Architecture a = o.freezeUpTo() != null ? TransferLearning.frozenUpTo(network, o.freezeUpTo())
                    : o.unfreeze() || o.fromScratch() ? TransferLearning.unfrozen(network) : network;
            return new Transfer(from, model, a, null, List.of(), o.fromScratch());
        }
        String cut = o.headOn() != null ? o.headOn()
                : o.freezeUpTo() != null ? o.freezeUpTo() : TransferLearning.classifierInput(network);
        Pooling pooling = o.pooling() != null ? o.pooling()
                : network.upTo(cut).outputShape().isImage() ? Pooling.AVG : Pooling.NONE;
        TransferLearning.NewHead head = TransferLearning.newHead(network, cut, o.newHead(), pooling);
        Architecture backbone = network.upTo(cut);
        List<String> frozen;
        if (o.freezeUpTo() != null) {
            if (backbone.findLayer(o.freezeUpTo()).isEmpty()) {
                network.layer(o.freezeUpTo()); // an unknown name is an error listing the layers
                throw new UserException("--freeze-up-to " + o.freezeUpTo() + " is not part of the network kept "
                        + "under the new head (up to '" + cut + "')");
            }
            frozen = TransferLearning.layersWithParametersUpTo(network, o.freezeUpTo());
        } else {
            // Without --freeze-up-to the backbone trains, except what the model file itself froze (Keras's
            // trainable = false), unless --unfreeze or --from-scratch.
            frozen = o.unfreeze() || o.fromScratch() ? List.of() : List.copyOf(backbone.frozenLayers());
        }
        head = head.withFrozen(frozen);
        return new Transfer(from, model, head.architecture(), cut, head.headLayers(), o.fromScratch());
    }

    /** {@code avg}, {@code max} or {@code none} as {@link Pooling}; null stays null (the default). */
    static Pooling pooling(String option) {
        if (option == null) {
            return null;
        }
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "avg" -> Pooling.AVG;
            case "max" -> Pooling.MAX;
            case "none" -> Pooling.NONE;
            default -> throw new UserException("--head-pooling must be avg, max or none, got '" + option + "'");
        };
    }

    /** The run's name: the network's. */
    String name() {
        return architecture.name();
    }

    /**
     * The trainer: this network, the model file's weights (unless from scratch) (its path recorded in the provenance), the
     * frozen layers, the head started fresh, the model's image layout and pixel scaling.
     */
    ZooTrainer.Builder trainer() {
        ZooTrainer.Builder b = ZooTrainer.builder(architecture);
        if (fromScratch) {
            return b.imageLayout(model.imageLayout()).pixelScaling(model.pixelScale(), model.pixelOffset());
        }
        return b.startFrom(from)
                .freeze(architecture.frozenLayers().toArray(String[]::new))
                .reinitialize(headLayers.toArray(String[]::new))
                .imageLayout(model.imageLayout())
                .pixelScaling(model.pixelScale(), model.pixelOffset());
    }

    /**
     * Checks that the training labels fit the network's outputs: as many as the new head's units, or
     * exactly the model's labels in its output order when its head is kept.
     */
    void requireLabels(ImmutableOutputInfo<Label> data, DataSpec spec) {
        List<String> dataLabels = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            dataLabels.add(data.getOutput(i).getLabel());
        }
        long units = architecture.outputShape().elementCount();
        if (cutLayer != null) {
            if (units != dataLabels.size()) {
                throw new UserException("--new-head " + units + " but the training data " + spec + " has "
                        + dataLabels.size() + " labels " + DataSets.sorted(dataLabels));
            }
            return;
        }
        List<String> modelLabels = model.labels();
        if (!modelLabels.equals(dataLabels)) {
            String why = new HashSet<>(modelLabels).equals(new HashSet<>(dataLabels))
                    ? "numbers them in another order (" + dataLabels + ") than the model's outputs (" + modelLabels + ")"
                    : "has labels " + DataSets.sorted(dataLabels) + " but the model " + from + " predicts "
                    + DataSets.sorted(modelLabels);
            throw new UserException("the training data " + spec + " " + why + "; give --new-head "
                    + dataLabels.size() + " to train a new head for them");
        }
    }

    /** One line for standard error: what is kept, frozen and new. */
    String describe() {
        long frozen = architecture.nonTrainableParameterCount();
        String frozenText = architecture.frozenLayers().isEmpty() ? "no layer frozen"
                : String.format(Locale.ROOT, "%d layers frozen (%,d non-trainable parameters)",
                architecture.frozenLayers().size(), frozen);
        String weights = fromScratch ? "the network only (every weight from its initialiser)" : "network and weights";
        String head = cutLayer == null ? "its own head"
                : "kept up to '" + cutLayer + "', new head " + String.join(" + ", headLayers) + " ("
                + architecture.outputShape().elementCount() + " units, softmax)";
        return String.format(Locale.ROOT, "from %s: %s of '%s', %s, %s; %,d of %,d parameters trainable", from,
                weights, architecture.name(), head, frozenText, architecture.trainableParameterCount(),
                architecture.parameterCount());
    }
}
