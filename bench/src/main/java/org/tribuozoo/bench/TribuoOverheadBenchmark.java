package org.tribuozoo.bench;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.graph.FitOptions;
import org.tribuozoo.graph.TrainingData;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.Targets;
import org.tribuozoo.graph.TrainingConfig;
import org.tribuozoo.tribuo.ImageTensors;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.tribuo.data.IdxImages;
import org.tribuozoo.tribuo.data.Splits;
import org.tribuozoo.zoo.ModelZoo;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the Tribuo layer costs: converting Tribuo examples to image tensors (against one training
 * epoch), and a whole ZooTrainer run against the same training straight through tf-graph.
 *
 * <pre>bench/run-overhead.sh [--epochs N] [--net lenet5] [--data DIR]</pre>
 */
public final class TribuoOverheadBenchmark {

    public static void main(String[] args) throws Exception {
        int epochs = 3;
        String net = "lenet5";
        Path data = Path.of("..", "shared", "data", "mnist");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--net" -> net = args[i + 1];
                case "--data" -> data = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        // The first 8,000 MNIST test images, as a Tribuo dataset from a configurable source.
        var parts = Splits.lastFraction(IdxImages.load(data, "t10k"), 0.2);
        MutableDataset<Label> train = new MutableDataset<>(parts.train());
        List<Example<Label>> examples = train.getData();
        System.out.printf(Locale.ROOT, "%s, %,d examples, %d epochs, batch 128, Adam 0.001, %d threads%n", net,
                examples.size(), epochs, threads);

        // 1. Conversion, measured warm (the trainer converts once per train call).
        ImageTensors tensors = new ImageTensors(org.tribuozoo.tribuo.data.ImageLayout.MNIST, 1 / 255.0, 0);
        tensors.images(examples);
        long t0 = System.nanoTime();
        Images images = tensors.images(examples);
        double convertSeconds = (System.nanoTime() - t0) / 1e9;
        int[] ids = ImageTensors.labelIds(examples, train.getOutputIDInfo());
        Targets targets = Targets.classes(ids, train.getOutputIDInfo().size());

        // 2 and 3, alternated twice and the faster of each kept, so neither side gets the warm-up alone:
        // straight through tf-graph on converted data (compile, fit, read the weights), and the same
        // training through ZooTrainer (conversion, compile, fit, weights, model and provenance).
        Architecture a = ModelZoo.get(net).architecture();
        var recipe = ModelZoo.get(net).recipe().withBatchSize(128).withEpochs(epochs);
        TrainingConfig config = TrainingConfig.of(recipe).withSeed(1).withThreads(Parallelism.AUTOMATIC, threads);
        ZooTrainer trainer = ZooTrainer.builder(net).epochs(epochs).batchSize(128).seed(1).threads(Parallelism.AUTOMATIC, threads)
                .build();
        double direct = Double.MAX_VALUE;
        double viaTribuo = Double.MAX_VALUE;
        double epochSeconds = Double.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            long t1 = System.nanoTime();
            try (CompiledNetwork network = CompiledNetwork.compile(a, config)) {
                var history = network.fit(TrainingData.inMemory(images, targets, 1, true), FitOptions.of(epochs, 128));
                network.weights();
                epochSeconds = Math.min(epochSeconds, history.epochs().get(history.epochs().size() - 1).seconds());
            }
            direct = Math.min(direct, (System.nanoTime() - t1) / 1e9);
            long t2 = System.nanoTime();
            trainer.train(train).close();
            viaTribuo = Math.min(viaTribuo, (System.nanoTime() - t2) / 1e9);
        }

        System.out.printf(Locale.ROOT, "conversion of %,d examples: %.3f s = %.1f%% of one epoch (%.2f s)%n",
                examples.size(), convertSeconds, 100 * convertSeconds / epochSeconds, epochSeconds);
        System.out.printf(Locale.ROOT, "tf-graph directly: %.2f s; through ZooTrainer: %.2f s; overhead %.1f%%%n",
                direct, viaTribuo, 100 * (viaTribuo - direct) / direct);
    }
}
