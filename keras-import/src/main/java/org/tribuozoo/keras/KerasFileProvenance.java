package org.tribuozoo.keras;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.provenance.DataSourceProvenance;

/**
 * Where an imported model's weights came from: the Keras file, by name and SHA-256 of its bytes,
 * with the Keras version and backend that wrote it and its format. It stands where a trained model
 * records its training data.
 */
public final class KerasFileProvenance implements DataSourceProvenance {
    private static final long serialVersionUID = 1L;

    /** Key of the file's name. */
    public static final String FILE_NAME = "file-name";
    /** Key of the Keras version that wrote the file. */
    public static final String KERAS_VERSION = "keras-version";
    /** Key of the backend that wrote the file. */
    public static final String BACKEND = "backend";
    /** Key of the file's format ({@link KerasFile.Format}). */
    public static final String FORMAT = "format";

    private final Map<String, Provenance> values;

    /** Describes a file that was read. */
    KerasFileProvenance(KerasFile file) {
        Map<String, Provenance> v = new LinkedHashMap<>();
        v.put(FILE_NAME, new StringProvenance(FILE_NAME, file.name()));
        v.put(RESOURCE_HASH, new HashProvenance(com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil.HashType.SHA256,
                RESOURCE_HASH, file.sha256()));
        v.put(KERAS_VERSION, new StringProvenance(KERAS_VERSION, file.kerasVersion()));
        v.put(BACKEND, new StringProvenance(BACKEND, file.backend()));
        v.put(FORMAT, new StringProvenance(FORMAT, file.format().name()));
        this.values = Collections.unmodifiableMap(v);
    }

    /**
     * Deserialisation constructor, used by OLCUT when a provenance file is read back.
     *
     * @param map the marshalled provenance
     */
    public KerasFileProvenance(Map<String, Provenance> map) {
        Map<String, Provenance> copy = new LinkedHashMap<>(map);
        copy.remove(CLASS_NAME);
        this.values = Collections.unmodifiableMap(copy);
    }

    /** The file's name. */
    public String fileName() {
        return text(FILE_NAME);
    }

    /** The SHA-256 of the file, in lower-case hex. */
    public String sha256() {
        return text(RESOURCE_HASH);
    }

    /** The Keras version that wrote the file. */
    public String kerasVersion() {
        return text(KERAS_VERSION);
    }

    private String text(String key) {
        Provenance p = values.get(key);
        return p instanceof com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance<?> pp
                ? String.valueOf(pp.getValue()) : "unknown";
    }

    @Override
    public String getClassName() {
        return KerasFile.class.getName();
    }

    @Override
    public Iterator<Pair<String, Provenance>> iterator() {
        List<Pair<String, Provenance>> pairs = new ArrayList<>();
        pairs.add(new Pair<>(CLASS_NAME, new StringProvenance(CLASS_NAME, getClassName())));
        values.forEach((k, p) -> pairs.add(new Pair<>(k, p)));
        return pairs.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasFileProvenance other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return generateString("KerasFile");
    }
}
