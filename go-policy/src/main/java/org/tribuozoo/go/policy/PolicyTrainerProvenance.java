package org.tribuozoo.go.policy;

import java.util.HashMap;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.provenance.TrainerProvenance;

/**
 * The provenance of a {@link PolicyTrainer}: every {@code @Config} hyper-parameter (filters, epochs,
 * batch size, learning rate, momentum, seeds, chunking, limits), which OLCUT can also use to
 * rebuild the trainer.
 */
public final class PolicyTrainerProvenance extends SkeletalConfiguredObjectProvenance implements TrainerProvenance {
    private static final long serialVersionUID = 1L;

    PolicyTrainerProvenance(PolicyTrainer host) {
        super(host, "Trainer");
    }

    /**
     * Deserialisation constructor, used by OLCUT when a provenance file is read back.
     *
     * @param map the marshalled provenance
     */
    public PolicyTrainerProvenance(Map<String, Provenance> map) {
        super(extract(map));
    }

    private static ExtractedInfo extract(Map<String, Provenance> map) {
        Map<String, Provenance> configured = new HashMap<>(map);
        String owner = PolicyTrainerProvenance.class.getSimpleName();
        String className = ObjectProvenance.checkAndExtractProvenance(configured, CLASS_NAME, StringProvenance.class,
                owner).getValue();
        String hostName = ObjectProvenance.checkAndExtractProvenance(configured, HOST_SHORT_NAME,
                StringProvenance.class, owner).getValue();
        return new ExtractedInfo(className, hostName, configured, Map.of());
    }
}
