package org.tribuozoo.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.ConfiguredDataSourceProvenance;
import org.tribuo.provenance.DataSourceProvenance;
import org.tribuozoo.tribuo.ReadLimits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads CIFAR-10 binary batches ({@code data_batch_1.bin} .. {@code data_batch_5.bin},
 * {@code test_batch.bin}): each record is one label byte followed by 3,072 pixel bytes, the
 * 32x32 red plane, then the green plane, then the blue plane.
 * <p>
 * The planes are interleaved into (h, w, c) order and named by {@link PixelFeatureNames}
 * ({@code "0000"} to {@code "3071"}); zero values are left out. Labels are the class names of
 * {@code batches.meta.txt} (one per line) when that file is configured, else {@code "0"} to
 * {@code "9"}. A file whose size is not a multiple of 3,073 bytes is rejected as truncated, one
 * larger than {@link ReadLimits#cifarFileBytes()} as too large; files are read record by record.
 */
public final class Cifar10DataSource implements ConfigurableDataSource<Label> {

    private static final Logger LOG = Logger.getLogger(Cifar10DataSource.class.getName());

    /** Bytes per record: one label byte and 32 * 32 * 3 pixel bytes. */
    public static final int RECORD_BYTES = 1 + 3072;
    /** The training batch files of the official distribution, in order. */
    public static final List<String> TRAINING_BATCHES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** The test batch file of the official distribution. */
    public static final String TEST_BATCH = "test_batch.bin";
    /** The class-name file of the official distribution. */
    public static final String META_FILE = "batches.meta.txt";
    /** The folder the official archive unpacks to. */
    public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

    private static final ImageLayout LAYOUT = ImageLayout.CIFAR10;

    @Config(mandatory = true, description = "CIFAR-10 binary batch files, read in this order.")
    private List<Path> batchFiles;

    @Config(description = "Optional batches.meta.txt with one class name per line; labels are 0..9 without it.")
    private Path classNamesFile;

    private final LabelFactory outputFactory = new LabelFactory();
    private List<Example<Label>> examples;
    private String contentHash;
    private Cifar10Provenance provenance;

    /** For OLCUT. */
    private Cifar10DataSource() {
    }

    /**
     * Reads the given batch files.
     *
     * @param batchFiles     the batch files, read in this order
     * @param classNamesFile {@code batches.meta.txt}, or null for labels {@code "0".."9"}
     * @throws IllegalArgumentException if a file is missing, empty, truncated or has a bad label
     */
    public Cifar10DataSource(List<Path> batchFiles, Path classNamesFile) {
        this.batchFiles = batchFiles.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.classNamesFile = classNamesFile == null ? null : classNamesFile.toAbsolutePath().normalize();
        postConfig();
    }

    /**
     * The training part of a CIFAR-10 folder: every {@code data_batch_N.bin} present, with
     * {@code batches.meta.txt} when present. The folder may also be the one holding
     * {@code cifar-10-batches-bin/}.
     *
     * @param dir the folder
     * @return the source
     * @throws IllegalArgumentException if no training batch is there
     */
    public static Cifar10DataSource training(Path dir) {
        Path folder = batchFolder(dir);
        List<Path> files = new ArrayList<>();
        for (String name : TRAINING_BATCHES) {
            if (Files.isRegularFile(folder.resolve(name))) {
                files.add(folder.resolve(name));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no CIFAR-10 training batches (data_batch_1.bin ..) in " + folder);
        }
        return new Cifar10DataSource(files, metaFile(folder));
    }

    /**
     * The test part of a CIFAR-10 folder: {@code test_batch.bin}, with {@code batches.meta.txt}
     * when present.
     *
     * @param dir the folder (or the one holding {@code cifar-10-batches-bin/})
     * @return the source
     * @throws IllegalArgumentException if {@code test_batch.bin} is not there
     */
    public static Cifar10DataSource test(Path dir) {
        Path folder = batchFolder(dir);
        Path file = folder.resolve(TEST_BATCH);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("CIFAR-10 test batch not found: " + file);
        }
        return new Cifar10DataSource(List.of(file), metaFile(folder));
    }

    private static Path batchFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("CIFAR-10 folder not found: " + dir);
        }
        Path nested = dir.resolve(ARCHIVE_FOLDER);
        return Files.isDirectory(nested) ? nested : dir;
    }

    private static Path metaFile(Path folder) {
        Path meta = folder.resolve(META_FILE);
        return Files.isRegularFile(meta) ? meta : null;
    }

    /** Reads the files; called by OLCUT after configuration and by the constructor. */
    @Override
    public void postConfig() {
        if (batchFiles == null || batchFiles.isEmpty()) {
            throw new IllegalArgumentException("CIFAR-10 source needs at least one batch file");
        }
        List<String> classNames = readClassNames();
        MessageDigest digest = ProvenanceUtil.HashType.SHA256.getDigest();
        List<Example<Label>> loaded = new ArrayList<>();
        for (Path file : batchFiles) {
            readBatch(file, classNames, digest, loaded);
        }
        this.examples = Collections.unmodifiableList(loaded);
        this.contentHash = ProvenanceUtil.bytesToHexString(digest.digest());
        LOG.info(() -> "read " + examples.size() + " CIFAR-10 images from " + batchFiles.size() + " file(s)");
    }

    private List<String> readClassNames() {
        if (classNamesFile == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(classNamesFile, StandardCharsets.UTF_8).stream()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CIFAR-10 class names " + classNamesFile + ": "
                    + ReadLimits.reason(e));
        }
    }

    private static void readBatch(Path file, List<String> classNames, MessageDigest digest, List<Example<Label>> out) {
        long size = ReadLimits.checkFile(file, "CIFAR-10 batch", ReadLimits.cifarFileBytes(), ReadLimits.CIFAR_FILE_BYTES);
        if (size == 0) {
            throw new IllegalArgumentException("CIFAR-10 batch " + file + " is empty");
        }
        if (size % RECORD_BYTES != 0) {
            throw new IllegalArgumentException("CIFAR-10 batch " + file + " is truncated: " + size
                    + " bytes is not a multiple of " + RECORD_BYTES + " (one label byte and 3,072 pixel bytes per image)");
        }
        int plane = LAYOUT.pixels();
        int[] pixels = new int[LAYOUT.size()];
        byte[] record = new byte[RECORD_BYTES];
        // Read record by record: the file's bytes are never held whole.
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (long n = 0; n < size / RECORD_BYTES; n++) {
                if (in.readNBytes(record, 0, RECORD_BYTES) != RECORD_BYTES) {
                    throw new IllegalArgumentException("CIFAR-10 batch " + file + " ended early at image " + n
                            + " (was it changed while being read?)");
                }
                digest.update(record);
                String name = labelName(record[0] & 0xFF, classNames, file, n);
                // The file stores whole planes (all red, all green, all blue); the contract wants
                // the channels of each pixel next to each other.
                for (int p = 0; p < plane; p++) {
                    for (int c = 0; c < 3; c++) {
                        pixels[p * 3 + c] = record[1 + c * plane + p] & 0xFF;
                    }
                }
                out.add(ImageExamples.toExample(new Label(name), pixels, LAYOUT));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CIFAR-10 batch " + file + ": " + ReadLimits.reason(e));
        }
    }

    private static String labelName(int index, List<String> classNames, Path file, long record) {
        if (classNames.isEmpty()) {
            if (index > 9) {
                throw new IllegalArgumentException("CIFAR-10 batch " + file + ": image " + record + " has label " + index
                        + ", not a CIFAR-10 class (0-9)");
            }
            return Integer.toString(index);
        }
        if (index >= classNames.size()) {
            throw new IllegalArgumentException("CIFAR-10 batch " + file + ": image " + record + " has label " + index
                    + " but the class-name file lists only " + classNames.size() + " classes");
        }
        return classNames.get(index);
    }

    /** @return the number of images read */
    public int size() {
        return examples.size();
    }

    /** @return the image layout, always 32x32x3 */
    public ImageLayout layout() {
        return LAYOUT;
    }

    @Override
    public OutputFactory<Label> getOutputFactory() {
        return outputFactory;
    }

    @Override
    public Iterator<Example<Label>> iterator() {
        return examples.iterator();
    }

    @Override
    public synchronized DataSourceProvenance getProvenance() {
        if (provenance == null) {
            provenance = new Cifar10Provenance(this);
        }
        return provenance;
    }

    @Override
    public String toString() {
        return "Cifar10DataSource(batchFiles=" + batchFiles + ",classNamesFile=" + classNamesFile + ")";
    }

    /** Provenance of a {@link Cifar10DataSource}: its files, plus the content hash and image count. */
    public static final class Cifar10Provenance extends ZooSourceProvenance implements ConfiguredDataSourceProvenance {
        private static final long serialVersionUID = 1L;
        /** Key of the number of images read. */
        public static final String EXAMPLE_COUNT = "example-count";
        private static final List<String> KEYS = List.of(RESOURCE_HASH, EXAMPLE_COUNT);

        Cifar10Provenance(Cifar10DataSource host) {
            super(host, List.<PrimitiveProvenance<?>>of(
                    new HashProvenance(ProvenanceUtil.HashType.SHA256, RESOURCE_HASH, host.contentHash),
                    new IntProvenance(EXAMPLE_COUNT, host.examples.size())));
        }

        /**
         * Deserialisation constructor, used by OLCUT.
         *
         * @param map the marshalled provenance
         */
        public Cifar10Provenance(Map<String, Provenance> map) {
            super(map, KEYS);
        }
    }
}
