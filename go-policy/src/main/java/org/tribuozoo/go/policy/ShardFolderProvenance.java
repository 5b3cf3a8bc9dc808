package org.tribuozoo.go.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.provenance.DataSourceProvenance;
import org.tribuozoo.go.GoDataException;

/**
 * Where a policy network's positions came from: a folder of converted shards, identified by the
 * SHA-256 of its {@code games.tsv} (every game's id, split, position count and source, which fixes
 * the content for a given converter), the conversion's seed and inputs, and the positions of each
 * split. No wall-clock time is recorded, so the same folder always gives the same provenance.
 */
public final class ShardFolderProvenance implements DataSourceProvenance {
    private static final long serialVersionUID = 1L;

    /** Key of the folder path. */
    public static final String FOLDER = "folder";
    /** Key of the SHA-256 of {@code games.tsv}. */
    public static final String GAMES_SHA256 = "games-tsv-sha256";
    /** Key of the conversion seed (the game split). */
    public static final String CONVERSION_SEED = "conversion-seed";
    /** Key of the conversion inputs (archives, folders, files). */
    public static final String INPUTS = "conversion-inputs";
    /** Prefix of the per-split position counts. */
    public static final String POSITIONS = "positions-";

    private final Map<String, Provenance> values;

    private ShardFolderProvenance(Map<String, Provenance> values, boolean fresh) {
        Map<String, Provenance> copy = new LinkedHashMap<>(values);
        copy.remove(CLASS_NAME);
        this.values = Collections.unmodifiableMap(copy);
    }

    /**
     * Describes a converted folder.
     *
     * @throws GoDataException when {@code games.tsv} or {@code dataset.properties} cannot be read
     */
    public static ShardFolderProvenance of(Path folder) {
        Properties props = new Properties();
        Path propsFile = folder.resolve("dataset.properties");
        try (InputStream in = Files.newInputStream(propsFile)) {
            props.load(in);
        } catch (IOException e) {
            throw new GoDataException("cannot read " + propsFile + " (is " + folder + " a converted folder?): "
                    + e.getMessage(), e);
        }
        Map<String, Provenance> v = new LinkedHashMap<>();
        v.put(FOLDER, new StringProvenance(FOLDER, folder.toAbsolutePath().normalize().toString()));
        v.put(GAMES_SHA256, new StringProvenance(GAMES_SHA256, sha256(folder.resolve("games.tsv"))));
        v.put(CONVERSION_SEED, new StringProvenance(CONVERSION_SEED, props.getProperty("seed", "?")));
        v.put(INPUTS, new StringProvenance(INPUTS, props.getProperty("inputs", "?")));
        for (String split : List.of("train", "validation", "test")) {
            String key = POSITIONS + split;
            v.put(key, new LongProvenance(key, Long.parseLong(props.getProperty("positions." + split, "0"))));
        }
        return new ShardFolderProvenance(v, true);
    }

    /**
     * Deserialisation constructor, used by OLCUT when a provenance file is read back.
     *
     * @param map the marshalled provenance
     */
    public ShardFolderProvenance(Map<String, Provenance> map) {
        this(map, false);
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new GoDataException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** A recorded value, or null. */
    public Provenance get(String key) {
        return values.get(key);
    }

    @Override
    public String getClassName() {
        return "org.tribuozoo.go.data.PositionReader";
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
        return o instanceof ShardFolderProvenance other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return generateString("ShardFolder");
    }
}
