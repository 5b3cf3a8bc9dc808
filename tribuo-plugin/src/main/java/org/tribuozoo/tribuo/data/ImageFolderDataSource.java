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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Reads images from a folder with one subfolder per class (the subfolder's name is the label),
 * decodes them with {@link ImageFiles} (PNG, JPEG, GIF, BMP; grey or colour) and resizes them to
 * the configured height x width.
 * <p>
 * Files that are not images, cannot be decoded or are past the limits of {@link ImageFiles} (file
 * size, and pixels as declared by the image's header) are skipped, never fatal and never silent:
 * each is listed in {@link #skipped()}, counted in {@link #summary()}, and reported through
 * {@link java.util.logging}. Files directly in the top folder and hidden entries (names starting
 * with {@code .}) are skipped the same way. Classes are read in sorted folder-name order and
 * files in sorted path order within a class (subfolders of a class folder included); the examples
 * then come in an order shuffled with {@code orderSeed}, so that a split taking the last fraction
 * (a test split, a Keras-style validation split) mixes the classes instead of holding only the
 * last one. The order is the same on every machine for a seed; {@code orderSeed = -1} keeps the
 * class-by-class order. Decoding runs on several threads; the result does
 * not depend on how many.
 */
public final class ImageFolderDataSource implements ConfigurableDataSource<Label> {

    private static final Logger LOG = Logger.getLogger(ImageFolderDataSource.class.getName());
    /** How many skipped files the log names before summarising the rest. */
    private static final int LOGGED_SKIPS = 10;

    /**
     * One file that was not turned into an example.
     *
     * @param file   the file
     * @param reason why it was skipped
     */
    public record SkippedFile(Path file, String reason) {
    }

    @Config(mandatory = true, description = "Folder with one subfolder of images per class.")
    private Path directory;

    @Config(mandatory = true, description = "Height every image is resized to.")
    private int height;

    @Config(mandatory = true, description = "Width every image is resized to.")
    private int width;

    @Config(description = "1 for grey, 3 for RGB.")
    private int channels = 1;

    @Config(description = "Seed of the example order (shuffled so that last-fraction splits mix the classes); "
            + "-1 keeps the sorted class-by-class order.")
    private long orderSeed = 1;

    /** Not configuration: the examples do not depend on how many threads decode them. */
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final LabelFactory outputFactory = new LabelFactory();
    private ImageLayout layout;
    private List<Example<Label>> examples;
    private List<SkippedFile> skipped;
    private Map<String, Integer> classCounts;
    private String contentHash;
    private ImageFolderProvenance provenance;

    /** For OLCUT. */
    private ImageFolderDataSource() {
    }

    /**
     * Reads the folder.
     *
     * @param directory the folder with one subfolder per class
     * @param layout    the size every image is resized to; 1 channel for grey, 3 for RGB
     * @throws IllegalArgumentException if the folder is missing, has no class folders, or no readable image
     */
    public ImageFolderDataSource(Path directory, ImageLayout layout) {
        this(directory, layout, 1);
    }

    /**
     * Reads the folder, with a chosen example order.
     *
     * @param directory the folder with one subfolder per class
     * @param layout    the size every image is resized to; 1 channel for grey, 3 for RGB
     * @param orderSeed seed of the shuffled example order, or -1 for the sorted class-by-class order
     * @throws IllegalArgumentException if the folder is missing, has no class folders, or no readable image
     */
    public ImageFolderDataSource(Path directory, ImageLayout layout, long orderSeed) {
        this.orderSeed = orderSeed;
        this.directory = directory.toAbsolutePath().normalize();
        this.height = layout.height();
        this.width = layout.width();
        this.channels = layout.channels();
        postConfig();
    }

    /** Reads the folder; called by OLCUT after configuration and by the constructor. */
    @Override
    public void postConfig() {
        layout = new ImageLayout(height, width, channels);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image folders are read with 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("image folder not found: " + directory);
        }
        List<SkippedFile> skips = new ArrayList<>();
        List<Candidate> candidates = listCandidates(skips);
        List<Decoded> decoded = decodeAll(candidates);

        MessageDigest digest = ProvenanceUtil.HashType.SHA256.getDigest();
        List<Example<Label>> loaded = new ArrayList<>(candidates.size());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            Decoded result = decoded.get(i);
            if (result.example == null) {
                skips.add(new SkippedFile(candidate.file, result.error));
                continue;
            }
            // The hash covers which file fed which example and its bytes, so renaming or
            // editing any image changes the provenance.
            digest.update(directory.relativize(candidate.file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update(result.sha256);
            loaded.add(result.example);
            counts.merge(candidate.label, 1, Integer::sum);
        }
        skips.sort((a, b) -> a.file().compareTo(b.file()));
        if (orderSeed != -1) {
            // Fisher-Yates with a SplittableRandom: the same order for a seed on every JDK.
            java.util.SplittableRandom rng = new java.util.SplittableRandom(orderSeed);
            for (int i = loaded.size() - 1; i > 0; i--) {
                Collections.swap(loaded, i, rng.nextInt(i + 1));
            }
        }
        this.examples = Collections.unmodifiableList(loaded);
        this.skipped = Collections.unmodifiableList(skips);
        this.classCounts = Collections.unmodifiableMap(counts);
        this.contentHash = ProvenanceUtil.bytesToHexString(digest.digest());
        report();
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no readable images in " + directory + " (" + skipped.size()
                    + " files skipped)");
        }
    }

    private record Candidate(String label, Path file) {
    }

    private record Decoded(Example<Label> example, byte[] sha256, String error) {
    }

    private List<Candidate> listCandidates(List<SkippedFile> skips) {
        List<Candidate> candidates = new ArrayList<>();
        List<Path> entries = sortedChildren(directory);
        boolean anyClass = false;
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                skips.add(new SkippedFile(entry, "hidden entry"));
            } else if (Files.isDirectory(entry)) {
                anyClass = true;
                for (Path file : filesUnder(entry)) {
                    if (file.getFileName().toString().startsWith(".")) {
                        skips.add(new SkippedFile(file, "hidden entry"));
                    } else {
                        candidates.add(new Candidate(name, file));
                    }
                }
            } else {
                skips.add(new SkippedFile(entry, "not inside a class folder"));
            }
        }
        if (!anyClass) {
            throw new IllegalArgumentException("no class folders in " + directory
                    + " (expected one subfolder of images per class)");
        }
        return candidates;
    }

    private static List<Path> sortedChildren(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list image folder " + dir + ": " + e.getMessage());
        }
    }

    private static List<Path> filesUnder(Path classDir) {
        try (Stream<Path> s = Files.walk(classDir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list class folder " + classDir + ": " + e.getMessage());
        }
    }

    private List<Decoded> decodeAll(List<Candidate> candidates) {
        int nThreads = Math.max(1, Math.min(threads, candidates.size()));
        ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, "image-folder-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Decoded>> futures = new ArrayList<>(candidates.size());
            for (Candidate c : candidates) {
                futures.add(pool.submit(() -> decode(c)));
            }
            List<Decoded> results = new ArrayList<>(candidates.size());
            for (Future<Decoded> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + directory, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                // Out of memory, say: thrown as itself, so that a caller can tell it from a bug.
                throw error;
            }
            throw new IllegalStateException("failed reading " + directory + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs on a pool thread; builds the example there so the dense pixels are garbage at once. */
    private Decoded decode(Candidate candidate) {
        Path file = candidate.file;
        byte[] bytes;
        try {
            bytes = ImageFiles.readBytes(file);
        } catch (IOException e) {
            return new Decoded(null, null, e.getMessage());
        }
        try {
            int[] pixels = ImageFiles.decode(bytes, layout);
            Example<Label> example = ImageExamples.toExample(new Label(candidate.label), pixels, layout);
            return new Decoded(example, ProvenanceUtil.HashType.SHA256.getDigest().digest(bytes), null);
        } catch (IOException e) {
            return new Decoded(null, null, e.getMessage());
        }
    }

    private void report() {
        LOG.info(this::summary);
        if (!skipped.isEmpty()) {
            StringBuilder sb = new StringBuilder("skipped ").append(skipped.size()).append(" file(s) in ")
                    .append(directory).append(':');
            for (int i = 0; i < Math.min(LOGGED_SKIPS, skipped.size()); i++) {
                SkippedFile s = skipped.get(i);
                sb.append("\n  ").append(directory.relativize(s.file())).append(": ").append(s.reason());
            }
            if (skipped.size() > LOGGED_SKIPS) {
                sb.append("\n  ... and ").append(skipped.size() - LOGGED_SKIPS).append(" more");
            }
            LOG.warning(sb.toString());
            if (LOG.isLoggable(Level.FINE)) {
                skipped.forEach(s -> LOG.fine("skipped " + s.file() + ": " + s.reason()));
            }
        }
    }

    /**
     * One line saying what was read and what was skipped, e.g.
     * {@code "read 24998 images of 50x50x1 in 2 classes from /data/pets; skipped 3 files"}.
     *
     * @return the summary
     */
    public String summary() {
        return "read " + examples.size() + " images of " + layout + " in " + classCounts.size() + " classes from "
                + directory + "; skipped " + skipped.size() + (skipped.size() == 1 ? " file" : " files");
    }

    /** @return the files that were not turned into examples, sorted by path, with the reason */
    public List<SkippedFile> skipped() {
        return skipped;
    }

    /** @return the number of images read for each class, in class order */
    public Map<String, Integer> classCounts() {
        return classCounts;
    }

    /** @return the number of images read */
    public int size() {
        return examples.size();
    }

    /** @return the layout every image was resized to */
    public ImageLayout layout() {
        return layout;
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
            provenance = new ImageFolderProvenance(this);
        }
        return provenance;
    }

    @Override
    public String toString() {
        return "ImageFolderDataSource(directory=" + directory + ",layout=" + layout + ")";
    }

    /** Provenance of an {@link ImageFolderDataSource}: folder and size, plus a hash of every file read. */
    public static final class ImageFolderProvenance extends ZooSourceProvenance implements ConfiguredDataSourceProvenance {
        private static final long serialVersionUID = 1L;
        /** Key of the number of images read. */
        public static final String EXAMPLE_COUNT = "example-count";
        /** Key of the number of files skipped. */
        public static final String SKIPPED_COUNT = "skipped-count";
        private static final List<String> KEYS = List.of(RESOURCE_HASH, EXAMPLE_COUNT, SKIPPED_COUNT);

        ImageFolderProvenance(ImageFolderDataSource host) {
            super(host, List.<PrimitiveProvenance<?>>of(
                    new HashProvenance(ProvenanceUtil.HashType.SHA256, RESOURCE_HASH, host.contentHash),
                    new IntProvenance(EXAMPLE_COUNT, host.examples.size()),
                    new IntProvenance(SKIPPED_COUNT, host.skipped.size())));
        }

        /**
         * Deserialisation constructor, used by OLCUT.
         *
         * @param map the marshalled provenance
         */
        public ImageFolderProvenance(Map<String, Provenance> map) {
            super(map, KEYS);
        }
    }
}
