package org.tribuozoo.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.junit.jupiter.api.Assumptions;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared helpers: the shared data folder, and rebuilding a source from its provenance. */
final class TestSupport {

    private TestSupport() {
    }

    /**
     * The shared data folder: system property {@code tribuozoo.shared.data} (set by surefire),
     * else {@code ../shared/data} from the repository root. Skips the calling test when absent.
     */
    static Path sharedData(String subfolder) {
        String property = System.getProperty("tribuozoo.shared.data");
        List<Path> candidates = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        // Tests run from the module folder; the repository root is its parent.
        candidates.add(Path.of("..", "..", "shared", "data"));
        candidates.add(Path.of("..", "shared", "data"));
        for (Path c : candidates) {
            Path dir = c.resolve(subfolder);
            if (Files.isDirectory(dir)) {
                return dir.toAbsolutePath().normalize();
            }
        }
        Assumptions.assumeTrue(false, "shared data folder '" + subfolder + "' not found (looked in " + candidates
                + "); set -Dtribuozoo.shared.data=DIR to run this test");
        return null;
    }

    /**
     * Serialises a source's provenance to JSON, reads it back, rebuilds the source through an
     * OLCUT ConfigurationManager, and returns the rebuilt source.
     */
    @SuppressWarnings("unchecked")
    static <T extends Output<T>> DataSource<T> rebuildFromProvenance(DataSource<T> source) throws Exception {
        ObjectProvenance provenance = source.getProvenance();
        JsonProvenanceSerialization json = new JsonProvenanceSerialization(true);
        String text = json.serializeToString(ProvenanceUtil.marshalProvenance(provenance));
        ObjectProvenance back = ProvenanceUtil.unmarshalProvenance(json.deserializeFromString(text));
        assertEquals(provenance, back, "provenance survives a JSON round trip");
        List<ConfigurationData> config = ProvenanceUtil.extractConfiguration(back);
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(config);
        ProvenanceUtil.ProvenanceOrdering ordering = ProvenanceUtil.orderProvenances(back);
        for (int i = 0; i < ordering.traversalOrder.size(); i++) {
            if (ordering.traversalOrder.get(i) == back) {
                return (DataSource<T>) cm.lookup(ProvenanceUtil.computeName(back, i));
            }
        }
        throw new AssertionError("root provenance not found in its own ordering");
    }

    /** Asserts that two sources yield the same examples: labels, feature names and values, in order. */
    static <T extends Output<T>> void assertSameExamples(DataSource<T> expected, DataSource<T> actual) {
        List<Example<T>> a = list(expected);
        List<Example<T>> b = list(actual);
        assertEquals(a.size(), b.size(), "number of examples");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getOutput(), b.get(i).getOutput(), "output of example " + i);
            assertEquals(features(a.get(i)), features(b.get(i)), "features of example " + i);
        }
    }

    static <T extends Output<T>> List<Example<T>> list(DataSource<T> source) {
        List<Example<T>> out = new ArrayList<>();
        source.forEach(out::add);
        return out;
    }

    static List<String> features(Example<?> example) {
        List<String> out = new ArrayList<>();
        for (Feature f : example) {
            out.add(f.getName() + "=" + f.getValue());
        }
        return out;
    }
}
