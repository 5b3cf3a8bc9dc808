package org.tribuozoo.tribuo;

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.io.ProvenanceSerializationException;
import org.tribuo.provenance.ModelProvenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A model's provenance as a JSON file, in Tribuo's marshalled form (OLCUT's
 * {@link JsonProvenanceSerialization}): the architecture JSON, every hyper-parameter, the seeds and
 * the data source, enough to rebuild and re-run the experiment ({@link Experiment}).
 */
public final class ProvenanceJson {
    private static final JsonProvenanceSerialization JSON = new JsonProvenanceSerialization(true);

    private ProvenanceJson() {
    }

    /**
     * The provenance as indented JSON.
     *
     * @param provenance a model's (or any object's) provenance
     * @return the marshalled provenance as OLCUT's JSON
     */
    public static String toJson(ObjectProvenance provenance) {
        return JSON.serializeToString(ProvenanceUtil.marshalProvenance(provenance));
    }

    /**
     * Writes the provenance to a file, atomically (a crash never leaves half a file under that name).
     *
     * @param provenance a model's provenance
     * @param file       the file to write; replaced if it exists. A {@code .part} file beside it is used
     *                   on the way
     * @throws IOException if the file cannot be written, or the file system cannot rename atomically
     */
    public static void write(ObjectProvenance provenance, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(tmp, toJson(provenance));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a model provenance written by {@link #write}.
     *
     * @param file a provenance JSON file
     * @return the model provenance it holds
     * @throws IllegalArgumentException naming the file when it is missing, unreadable, larger than
     *                                  {@link ReadLimits#provenanceFileBytes()}, not provenance JSON, or not a model's
     */
    public static ModelProvenance read(Path file) {
        ReadLimits.checkFile(file, "provenance file", ReadLimits.provenanceFileBytes(), ReadLimits.PROVENANCE_FILE_BYTES);
        ObjectProvenance p;
        try {
            p = ProvenanceUtil.unmarshalProvenance(JSON.deserializeFromFile(file));
        } catch (java.nio.file.FileSystemException e) {
            throw new IllegalArgumentException("provenance file " + file + " cannot be read: " + ReadLimits.reason(e));
        } catch (IOException | ProvenanceSerializationException | RuntimeException e) {
            throw new IllegalArgumentException("provenance file " + file + " is not Tribuo provenance JSON: "
                    + e.getMessage());
        }
        if (!(p instanceof ModelProvenance mp)) {
            throw new IllegalArgumentException("provenance file " + file + " describes a " + p.getClassName()
                    + ", not a trained model");
        }
        return mp;
    }
}
