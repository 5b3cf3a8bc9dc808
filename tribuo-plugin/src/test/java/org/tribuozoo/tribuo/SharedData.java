package org.tribuozoo.tribuo;

import org.junit.jupiter.api.Assumptions;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.IDXDataSource;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The real data in ../shared/data, for tests that skip with a clear message where it is absent. */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        String prop = System.getProperty("tribuozoo.shared.data");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "data");
        Assumptions.assumeTrue(Files.isDirectory(p.resolve("mnist")),
                "skipped: the shared data folder (../shared/data with mnist/) is absent");
        return p;
    }

    /** The MNIST test set (10,000 images) as IDXDataSource reads it. */
    static List<Example<Label>> mnist() {
        Path dir = root().resolve("mnist");
        try {
            IDXDataSource<Label> source = new IDXDataSource<>(dir.resolve("t10k-images-idx3-ubyte.gz"),
                    dir.resolve("t10k-labels-idx1-ubyte.gz"), new LabelFactory());
            List<Example<Label>> out = new ArrayList<>();
            source.forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The built-in demo images (10 classes of drawn shapes, 28x28 grey), always available. */
    static List<Example<Label>> demo(long seed, int size) {
        List<Example<Label>> out = new ArrayList<>();
        new org.tribuozoo.tribuo.data.DemoDataSource(seed, size).forEach(out::add);
        return out;
    }

    /** A dataset of some examples, in order. */
    static MutableDataset<Label> dataset(String description, List<Example<Label>> examples) {
        LabelFactory f = new LabelFactory();
        return new MutableDataset<>(new ListDataSource<>(examples, f, new SimpleDataSourceProvenance(description, f)));
    }

    static List<Example<Label>> slice(List<Example<Label>> all, int from, int to, Predicate<Example<Label>> keep) {
        List<Example<Label>> out = new ArrayList<>();
        for (Example<Label> e : all.subList(from, to)) {
            if (keep.test(e)) {
                out.add(e);
            }
        }
        return out;
    }
}
