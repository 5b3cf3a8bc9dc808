package org.tribuozoo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.Evaluation;
import org.tribuozoo.graph.FitOptions;
import org.tribuozoo.graph.TrainingData;
import org.tribuozoo.graph.TrainingListener;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.NativeRuntime;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.graph.Targets;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.zoo.ModelZoo;

/**
 * Trains lenet5 and mnist-cnn on an MNIST split with tf-graph (first 8,000 images of the t10k set
 * for training, the last 2,000 for testing, pixels in [0, 1], batch 128, Adam 0.001), prints
 * per-epoch images/second and test accuracy, then runs the same recipe in PyTorch
 * ({@code bench/pytorch/mnist_bench.py}) and prints the throughput ratio.
 *
 * <p>Arguments: {@code [--data DIR] [--epochs N] [--nets lenet5,mnist-cnn] [--threads N] [--intra N]
 * [--replicas N] [--no-pytorch] [--python PATH]}: {@code --threads} is the cores on both sides (tf-graph's
 * inter-op threads, PyTorch's threads); tf-graph's intra-op threads and replicas are the automatic
 * choice unless given.
 */
public final class MnistBenchmark {

    private static final int TRAIN = 8000;
    private static final int BATCH = 128;
    private static final long SEED = 42;

    private MnistBenchmark() {
    }

    /** Per-network results of one framework: images/s and test accuracy per epoch. */
    record Run(List<Double> imagesPerSecond, List<Double> testAccuracy) {
        double steadyThroughput() {
            // The first epoch includes graph optimisation and warm-up; report the mean of the others.
            List<Double> steady = imagesPerSecond.size() > 1 ? imagesPerSecond.subList(1, imagesPerSecond.size())
                    : imagesPerSecond;
            return steady.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        double finalAccuracy() {
            return testAccuracy.get(testAccuracy.size() - 1);
        }
    }

    public static void main(String[] args) throws Exception {
        NativeRuntime.prepare();
        Map<String, String> opts = parse(args);
        Path data = Path.of(opts.getOrDefault("data", defaultDataDir()));
        int epochs = Integer.parseInt(opts.getOrDefault("epochs", "5"));
        int threads = Integer.parseInt(opts.getOrDefault("threads",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        int intra = Integer.parseInt(opts.getOrDefault("intra", String.valueOf(Parallelism.AUTOMATIC)));
        int replicas = Integer.parseInt(opts.getOrDefault("replicas", String.valueOf(Parallelism.AUTOMATIC)));
        List<String> nets = List.of(opts.getOrDefault("nets", "lenet5,mnist-cnn").split(","));

        Idx.ImageFile file = Idx.readImages(data.resolve("t10k-images-idx3-ubyte.gz"));
        int[] labels = Idx.readLabels(data.resolve("t10k-labels-idx1-ubyte.gz"));
        Images all = Images.of(file.pixels(), file.count(), file.rows(), file.cols(), 1);
        Images trainX = all.range(0, TRAIN);
        Images testX = all.range(TRAIN, file.count());
        Targets allY = Targets.classes(labels, 10);
        Targets trainY = allY.range(0, TRAIN);
        Targets testY = allY.range(TRAIN, file.count());

        System.out.printf(Locale.ROOT, "machine: %d cores, %s; java %s; TensorFlow env %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"),
                NativeRuntime.prepare());
        System.out.printf(Locale.ROOT, "data: %s, %d training / %d test images, batch %d, Adam 0.001, %d epochs, "
                + "%d threads%n", data, trainX.count(), testX.count(), BATCH, epochs, threads);

        Map<String, Run> tf = new LinkedHashMap<>();
        for (String net : nets) {
            tf.put(net, trainTensorFlow(net, trainX, trainY, testX, testY, epochs, intra, threads, replicas));
        }
        Map<String, Run> torch = opts.containsKey("no-pytorch") ? Map.of()
                : runPyTorch(opts.getOrDefault("python", "/usr/bin/python3"), data, nets, epochs, threads);

        System.out.println();
        System.out.println("| network | tf-graph images/s | tf-graph test acc | PyTorch images/s | PyTorch test acc "
                + "| tf-graph / PyTorch |");
        System.out.println("|---|---|---|---|---|---|");
        for (String net : nets) {
            Run a = tf.get(net);
            Run b = torch.get(net);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f%% | %s | %s | %s |%n", net, a.steadyThroughput(),
                    100 * a.finalAccuracy(), b == null ? "n/a" : String.format(Locale.ROOT, "%.0f", b.steadyThroughput()),
                    b == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * b.finalAccuracy()),
                    b == null ? "n/a" : String.format(Locale.ROOT, "%.2f", a.steadyThroughput() / b.steadyThroughput()));
        }
    }

    private static Run trainTensorFlow(String name, Images trainX, Targets trainY, Images testX, Targets testY,
                                       int epochs, int intra, int threads, int replicas) {
        Architecture arch = ModelZoo.get(name).architecture();
        TrainingConfig config = TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.adam())
                .withSeed(SEED).withThreads(intra, threads).withReplicas(replicas);
        List<Double> speed = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        try (CompiledNetwork net = CompiledNetwork.compile(arch, config)) {
            net.fit(TrainingData.inMemory(trainX, trainY, SEED, true), FitOptions.of(epochs, BATCH)
                    .withListener(new TrainingListener() {
                        @Override
                        public void epochFinished(EpochResult r, CompiledNetwork n) {
                            Evaluation test = n.evaluate(testX, testY);
                            speed.add(r.examplesPerSecond());
                            accuracy.add(test.accuracy());
                            System.out.printf(Locale.ROOT, "tf-graph %-10s epoch %2d: loss %.4f, train acc %.4f, "
                                    + "%7.0f images/s, test acc %.4f, process RSS %d MB%n", name, r.epoch(), r.loss(),
                                    r.accuracy(), r.examplesPerSecond(), test.accuracy(), residentMegabytes());
                        }
                    }));
        }
        return new Run(speed, accuracy);
    }

    /** Runs the PyTorch script and reads its {@code RESULT net epoch images_per_s test_acc} lines. */
    private static Map<String, Run> runPyTorch(String python, Path data, List<String> nets, int epochs, int threads)
            throws IOException, InterruptedException {
        Path script = locateScript();
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--data", data.toString(), "--epochs",
                String.valueOf(epochs), "--threads", String.valueOf(threads), "--nets", String.join(",", nets));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        Map<String, Run> runs = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println(line);
                if (line.startsWith("RESULT ")) {
                    String[] f = line.split("\\s+");
                    Run run = runs.computeIfAbsent(f[1], k -> new Run(new ArrayList<>(), new ArrayList<>()));
                    run.imagesPerSecond().add(Double.parseDouble(f[3]));
                    run.testAccuracy().add(Double.parseDouble(f[4]));
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            System.out.println("PyTorch run failed with exit status " + rc + "; no comparison");
        }
        return runs;
    }

    private static Path locateScript() {
        for (Path candidate : List.of(Path.of("bench/pytorch/mnist_bench.py"), Path.of("pytorch/mnist_bench.py"),
                Path.of("../bench/pytorch/mnist_bench.py"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bench/pytorch/mnist_bench.py not found from " + Path.of("").toAbsolutePath());
    }

    private static String defaultDataDir() {
        for (Path candidate : List.of(Path.of("../shared/data/mnist"), Path.of("../../shared/data/mnist"),
                Path.of("/work/shared/data/mnist"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return "../shared/data/mnist";
    }

    /** The process's resident set (Java heap and native memory together), from /proc. */
    private static long residentMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            if (key.startsWith("no-")) {
                m.put(key, "true");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                m.put(key, args[++i]);
            }
        }
        return m;
    }
}
