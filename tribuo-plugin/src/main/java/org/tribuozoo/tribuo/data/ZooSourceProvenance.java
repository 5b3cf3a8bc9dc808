package org.tribuozoo.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.provenance.ConfiguredDataSourceProvenance;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Common base of the provenance classes of the data sources in this package.
 * <p>
 * The configured parameters (the {@code @Config} fields) are what OLCUT uses to rebuild a source
 * from its provenance. Instance values only describe what was read (content hashes, counts); none
 * of them is a wall-clock time or an object hash, so two loads of the same files give equal
 * provenances, which is what makes a recorded experiment comparable with its re-run.
 */
public abstract class ZooSourceProvenance extends SkeletalConfiguredObjectProvenance
        implements ConfiguredDataSourceProvenance {
    private static final long serialVersionUID = 1L;

    /** What was read; kept here because the skeletal base class only keeps configuration. */
    private final Map<String, PrimitiveProvenance<?>> instanceValues;

    /**
     * Records a live source.
     *
     * @param host           the source
     * @param instanceValues what was read, keyed by provenance name
     * @param <T>            the source type
     */
    protected <T extends Configurable> ZooSourceProvenance(T host, List<PrimitiveProvenance<?>> instanceValues) {
        super(host, "DataSource");
        Map<String, PrimitiveProvenance<?>> values = new LinkedHashMap<>();
        for (PrimitiveProvenance<?> p : instanceValues) {
            values.put(p.getKey(), p);
        }
        this.instanceValues = Collections.unmodifiableMap(values);
    }

    /**
     * Rebuilds a provenance from its marshalled map, the form OLCUT deserialises.
     *
     * @param map          the provenance map
     * @param instanceKeys the keys of this class's instance values (absent ones are tolerated)
     */
    protected ZooSourceProvenance(Map<String, Provenance> map, List<String> instanceKeys) {
        this(extract(map, instanceKeys));
    }

    private ZooSourceProvenance(ExtractedInfo info) {
        super(info);
        this.instanceValues = Collections.unmodifiableMap(new LinkedHashMap<>(info.instanceValues));
    }

    private static ExtractedInfo extract(Map<String, Provenance> map, List<String> instanceKeys) {
        Map<String, Provenance> configured = new HashMap<>(map);
        String owner = ZooSourceProvenance.class.getSimpleName();
        String className = ObjectProvenance.checkAndExtractProvenance(configured, CLASS_NAME,
                StringProvenance.class, owner).getValue();
        String hostName = ObjectProvenance.checkAndExtractProvenance(configured, HOST_SHORT_NAME,
                StringProvenance.class, owner).getValue();
        Map<String, PrimitiveProvenance<?>> instance = new LinkedHashMap<>();
        for (String key : instanceKeys) {
            Provenance p = configured.remove(key);
            if (p instanceof PrimitiveProvenance<?> primitive) {
                instance.put(key, primitive);
            }
        }
        return new ExtractedInfo(className, hostName, configured, instance);
    }

    @Override
    public Map<String, PrimitiveProvenance<?>> getInstanceValues() {
        Map<String, PrimitiveProvenance<?>> map = super.getInstanceValues();
        map.putAll(instanceValues);
        return map;
    }
}
