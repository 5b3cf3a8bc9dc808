package org.tribuozoo.keras;

import java.util.HashMap;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.provenance.TrainerProvenance;

/**
 * The provenance of a {@link KerasImporter}, in the place of a trainer's: the import options (the
 * Keras file's path, the pixel scale, the labels). An imported model was not trained from data; its
 * weights are the Keras file's (see {@link KerasFileProvenance}).
 */
public final class KerasImporterProvenance extends SkeletalConfiguredObjectProvenance implements TrainerProvenance {
    private static final long serialVersionUID = 1L;

    KerasImporterProvenance(KerasImporter host) {
        super(host, "Trainer");
    }

    /**
     * Deserialisation constructor, used by OLCUT when a provenance file is read back.
     *
     * @param map the marshalled provenance
     */
    public KerasImporterProvenance(Map<String, Provenance> map) {
        super(extract(map));
    }

    private static ExtractedInfo extract(Map<String, Provenance> map) {
        Map<String, Provenance> configured = new HashMap<>(map);
        String owner = KerasImporterProvenance.class.getSimpleName();
        String className = ObjectProvenance.checkAndExtractProvenance(configured, CLASS_NAME, StringProvenance.class,
                owner).getValue();
        String hostName = ObjectProvenance.checkAndExtractProvenance(configured, HOST_SHORT_NAME,
                StringProvenance.class, owner).getValue();
        return new ExtractedInfo(className, hostName, configured, Map.of());
    }
}
