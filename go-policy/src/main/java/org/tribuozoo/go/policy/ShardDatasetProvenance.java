package org.tribuozoo.go.policy;

import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.tribuo.provenance.DatasetProvenance;

/**
 * The training "dataset" of a streamed policy network in Tribuo's terms: the train split of a shard
 * folder, read through {@code PositionReader} (never materialised as a Tribuo dataset), with its
 * size, its 17,328 dense features and 361 outputs.
 */
public final class ShardDatasetProvenance extends DatasetProvenance {
    private static final long serialVersionUID = 1L;

    /**
     * @param source    the shard folder
     * @param positions positions in the train split
     */
    public ShardDatasetProvenance(ShardFolderProvenance source, long positions) {
        super(source, new ListProvenance<>(List.of()), "org.tribuozoo.go.data.PositionReader", true, false,
                (int) Math.min(Integer.MAX_VALUE, positions), BoardLabels.LAYOUT.size(), BoardLabels.POINTS);
    }

    /**
     * Deserialisation constructor, used by OLCUT when a provenance file is read back.
     *
     * @param map the marshalled provenance
     */
    public ShardDatasetProvenance(Map<String, Provenance> map) {
        super(map);
    }
}
