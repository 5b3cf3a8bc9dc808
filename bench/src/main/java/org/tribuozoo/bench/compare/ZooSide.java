package org.tribuozoo.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuozoo.bench.Idx;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.FitOptions;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.NumericEnvironment;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.graph.Targets;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.graph.TrainingData;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.IdxImages;
import org.tribuozoo.tribuo.data.Splits;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooEntry;

/**
 * This project's side of {@code bench/compare.sh}: one workload per process.
 *
 * <ul>
 *   <li>{@code lenet5-train}, {@code mnist-cnn-train}: the zoo network trained with tf-graph on the first
 *       {@code --train-images} (8,000) MNIST t10k images, batch 128, Adam 0.001 (eps 1e-7), seed 42, as
 *       {@code MnistBenchmark}; one {@code RESULT} per epoch, in images/s.</li>
 *   <li>{@code alphago-policy-K-train}: the zoo network trained on a {@link GoPositions} file in file order,
 *       batch 16, plain SGD lr 0.003; one {@code RESULT} per epoch, in positions/s.</li>
 *   <li>{@code mnist-inference}: {@code ZooModel.predict} over the t10k images (one list, batched inside);
 *       one {@code RESULT} per pass, in images/s, and the number predicted right.</li>
 *   <li>{@code prepare-inference}: trains lenet5 one epoch on the first 8,000 t10k images and writes {@code lenet5.zoo} and
 *       {@code lenet5.onnx} into {@code --out}, the model both inference sides predict with.</li>
 *   <li>{@code write-positions}: writes {@code --count} random positions to {@code --out}.</li>
 * </ul>
 * Training runs with {@code --threads} inter-op threads and the automatic choice of intra-op threads
 * and replicas (see {@code Parallelism}), as a library user gets them; {@code --intra N} and
 * {@code --replicas N} set them, to measure the alternatives.
 */
public final class ZooSide {

    private static final int MNIST_BATCH = 128;
    private static final int GO_BATCH = 16;
    private static final long SEED = 42;
    private static int intra = Parallelism.AUTOMATIC;
    private static int replicas = Parallelism.AUTOMATIC;

    private ZooSide() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args, Set.of("data", "train-images", "epochs", "threads", "positions", "model",
                "passes", "out", "count", "intra", "replicas"));
        int threads = o.integer("threads", Runtime.getRuntime().availableProcessors());
        // Levers for docs/benchmarks.md; the benchmark itself runs the defaults (automatic).
        intra = o.integer("intra", Parallelism.AUTOMATIC);
        replicas = o.integer("replicas", Parallelism.AUTOMATIC);
        int epochs = o.integer("epochs", 3);
        Path data = o.path("data", "../shared/data/mnist");
        switch (o.workload()) {
            case "lenet5-train", "mnist-cnn-train" -> trainMnist(o.workload(),
                    o.workload().substring(0, o.workload().length() - "-train".length()), data,
                    o.integer("train-images", 8000), epochs, threads);
            case "mnist-inference" -> predictMnist(o.requiredPath("model"), data, o.integer("passes", 4));
            case "prepare-inference" -> prepareInference(data, threads, o.requiredPath("out"));
            case "write-positions" -> GoPositions.random(o.integer("count", 256), SEED).write(o.requiredPath("out"));
            default -> {
                if (o.workload().matches("alphago-policy-\\d+-train")) {
                    trainGo(o.workload(), o.requiredPath("positions"), epochs, threads);
                } else {
                    throw new IllegalArgumentException("unknown workload " + o.workload());
                }
            }
        }
    }

    private static void trainMnist(String workload, String net, Path data, int trainImages, int epochs, int threads)
            throws Exception {
        Idx.ImageFile file = Idx.readImages(data.resolve("t10k-images-idx3-ubyte.gz"));
        int[] labels = Idx.readLabels(data.resolve("t10k-labels-idx1-ubyte.gz"));
        int n = Math.min(trainImages, file.count());
        Images images = Images.of(file.pixels(), file.count(), file.rows(), file.cols(), 1).range(0, n);
        Targets targets = Targets.classes(labels, 10).range(0, n);
        TrainingConfig config = TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.adam()).withSeed(SEED)
                .withThreads(intra, threads).withReplicas(replicas);
        train(workload, net, config, TrainingData.inMemory(images, targets, SEED, true), epochs, MNIST_BATCH);
    }

    private static void trainGo(String workload, Path positionsFile, int epochs, int threads) throws Exception {
        String net = workload.substring(0, workload.length() - "-train".length());
        GoPositions positions = GoPositions.read(positionsFile);
        ZooEntry entry = ModelZoo.get(net);
        // What `zoo go train` trains with: the recipe's loss, plain SGD at 0.003.
        TrainingConfig config = TrainingConfig.of(entry.recipe())
                .withOptimizer(Optimizer.sgd().withLearningRate(0.003)).withSeed(SEED).withThreads(intra, threads)
                .withReplicas(replicas);
        // In file order, unshuffled: the batches PyTorch's side trains on.
        train(workload, net, config, TrainingData.inMemory(positions.images(), positions.classes(), SEED, false),
                epochs, GO_BATCH);
    }

    private static void train(String workload, String net, TrainingConfig config, TrainingData data, int epochs,
                              int batch) {
        TrainingHistory history;
        try (CompiledNetwork network = CompiledNetwork.compile(ModelZoo.get(net).architecture(), config)) {
            printVersion(network.numericEnvironment());
            history = network.fit(data, FitOptions.of(epochs, batch));
        }
        for (EpochResult e : history.epochs()) {
            System.out.printf(Locale.ROOT, "RESULT %s %d %.2f loss %.4f%n", workload, e.epoch(), e.examplesPerSecond(),
                    e.loss());
        }
    }

    private static void prepareInference(Path data, int threads, Path out) throws Exception {
        // The first 8,000 t10k images, as TribuoOverheadBenchmark trains on; one epoch is enough for a
        // model whose predictions both sides can be checked against.
        MutableDataset<Label> train = new MutableDataset<>(Splits.lastFraction(IdxImages.load(data, "t10k"), 0.2)
                .train());
        Files.createDirectories(out);
        try (ZooModel model = ZooTrainer.builder("lenet5").epochs(1).seed(1).threads(Parallelism.AUTOMATIC, threads).build()
                .train(train)) {
            model.serializeToFile(out.resolve("lenet5.zoo"));
            model.saveONNXModel("org.tribuozoo.bench", 1, out.resolve("lenet5.onnx"));
        }
    }

    private static void predictMnist(Path modelFile, Path data, int passes) throws Exception {
        List<Example<Label>> examples = new ArrayList<>();
        IdxImages.load(data, "t10k").forEach(examples::add);
        int cores = Runtime.getRuntime().availableProcessors();
        printVersion(NumericEnvironment.current(Parallelism.forInference(Parallelism.AUTOMATIC, cores)));
        try (ZooModel model = ZooModel.load(modelFile)) {
            for (int pass = 1; pass <= passes; pass++) {
                long start = System.nanoTime();
                List<Prediction<Label>> predictions = model.predict(examples);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "RESULT mnist-inference %d %.2f right %d of %d%n", pass,
                        examples.size() / seconds, right(predictions), examples.size());
            }
        }
    }

    /** How many predictions name the example's own label. */
    static long right(List<Prediction<Label>> predictions) {
        return predictions.stream()
                .filter(p -> p.getOutput().getLabel().equals(p.getExample().getOutput().getLabel())).count();
    }

    private static void printVersion(NumericEnvironment environment) {
        System.out.printf(Locale.ROOT, "VERSION zoo tribuo-zoo %s, TensorFlow Java %s, %s, java %s%n",
                versionOf(ZooModel.class), versionOf(org.tensorflow.TensorFlow.class),
                environment, System.getProperty("java.version"));
    }

    /** The Implementation-Version of a class's jar, or the jar's file name when the manifest has none. */
    static String versionOf(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        var source = type.getProtectionDomain().getCodeSource();
        return source == null ? "unknown" : Path.of(source.getLocation().getPath()).getFileName().toString();
    }
}
