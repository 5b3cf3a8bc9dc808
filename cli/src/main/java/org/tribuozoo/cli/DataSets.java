package org.tribuozoo.cli;

import org.tribuo.ConfigurableDataSource;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuozoo.cli.data.DataSpec;
import org.tribuozoo.tribuo.data.ImageLayout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turning data specs from the command line into Tribuo datasets, with the checks that must come
 * before any training: the images fit the network, the test labels are labels the model knows.
 */
final class DataSets {

    private DataSets() {
    }

    /**
     * Parses a spec, making its paths absolute so that the provenance recorded with it still finds
     * the files when the run is reproduced from another working directory.
     */
    static DataSpec parse(String text) {
        return absolute(DataSpec.parse(text));
    }

    private static DataSpec absolute(DataSpec spec) {
        if (spec instanceof DataSpec.IdxFiles f) {
            return new DataSpec.IdxFiles(f.images().toAbsolutePath().normalize(), f.labels().toAbsolutePath().normalize());
        }
        if (spec instanceof DataSpec.IdxPrefix p) {
            return new DataSpec.IdxPrefix(p.dir().toAbsolutePath().normalize(), p.prefix());
        }
        if (spec instanceof DataSpec.Cifar10 c) {
            return new DataSpec.Cifar10(c.path().toAbsolutePath().normalize());
        }
        if (spec instanceof DataSpec.Folder f) {
            return new DataSpec.Folder(f.dir().toAbsolutePath().normalize());
        }
        return spec;
    }

    /** Whether the data comes with its own test part (CIFAR-10's test batch, the demo's test images). */
    static boolean hasOwnTestPart(DataSpec spec) {
        return spec instanceof DataSpec.Demo || spec instanceof DataSpec.Cifar10;
    }

    /**
     * The layout images of this spec will have: fixed by the data (IDX headers, CIFAR-10, demo),
     * or the network's input for folders, whose images are resized to it.
     */
    static ImageLayout layoutOf(DataSpec spec, ImageLayout networkInput) {
        return spec.layout().orElse(networkInput);
    }

    /** Loads a source into a dataset, with a one-line error when it holds no example. */
    static MutableDataset<Label> load(ConfigurableDataSource<Label> source, DataSpec spec) {
        MutableDataset<Label> data = new MutableDataset<>(source);
        if (data.size() == 0) {
            throw new UserException("data " + spec + " holds no example");
        }
        return data;
    }

    /**
     * Checks that test images have the layout the model takes: a smaller image would otherwise
     * be padded with zero pixels silently.
     */
    static void requireLayout(DataSpec spec, ImageLayout expected, String what) {
        Optional<ImageLayout> has = spec.layout();
        if (has.isPresent() && !has.get().equals(expected)) {
            throw new UserException("the images of " + spec + " are " + has.get() + " but " + what + " takes "
                    + expected);
        }
    }

    /** Checks that every label of the test data is one the model was trained on. */
    static void requireKnownLabels(Dataset<Label> test, Collection<String> modelLabels, Object source) {
        Set<String> unknown = new TreeSet<>();
        for (Example<Label> e : test) {
            String l = e.getOutput().getLabel();
            if (!modelLabels.contains(l)) {
                unknown.add(l);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UserException("the test data " + source + " has label(s) " + unknown
                    + " that the model was not trained on (its labels: " + sorted(modelLabels) + ")");
        }
    }

    /** Labels in a readable order: numerically when they are all numbers, else alphabetically. */
    static List<String> sorted(Collection<String> labels) {
        List<String> out = new ArrayList<>(labels);
        boolean numeric = out.stream().allMatch(s -> s.matches("-?\\d{1,9}"));
        out.sort(numeric ? java.util.Comparator.comparingInt(Integer::parseInt) : java.util.Comparator.naturalOrder());
        return out;
    }
}
