package org.tribuozoo.bench.compare;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.tribuozoo.bench.Idx;

/**
 * The DJL peer of {@code bench/compare.sh} (compiled by the {@code peers} profile): {@code lenet5-train}
 * and {@code mnist-cnn-train} with DJL on PyTorch, the zoo's layers and {@code MnistBenchmark}'s recipe:
 * Keras {@code same} padding (the 2x2 convolution's extra row and column at the bottom and right),
 * glorot-uniform kernels, zero biases, Adam (lr 0.001, eps 1e-7), batch 128, the first
 * {@code --train-images} (8,000) MNIST t10k images reshuffled every epoch. The softmax sits in the loss,
 * as PyTorch's cross-entropy has it. One {@code RESULT} per epoch in images/s.
 *
 * <p>Threads come from the system properties {@code ai.djl.pytorch.num_threads} and
 * {@code ai.djl.pytorch.num_interop_threads} and {@code OMP_NUM_THREADS}, which {@code compare.sh} sets.
 */
public final class DjlSide {

    private static final int BATCH = 128;

    private DjlSide() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args, Set.of("data", "train-images", "epochs"));
        Block network = switch (o.workload()) {
            case "lenet5-train" -> lenet5();
            case "mnist-cnn-train" -> mnistCnn();
            default -> throw new IllegalArgumentException("DJL runs lenet5-train and mnist-cnn-train only, not "
                    + o.workload());
        };
        Path data = o.path("data", "../shared/data/mnist");
        int epochs = o.integer("epochs", 3);
        Idx.ImageFile file = Idx.readImages(data.resolve("t10k-images-idx3-ubyte.gz"));
        int[] labels = Idx.readLabels(data.resolve("t10k-labels-idx1-ubyte.gz"));
        int n = Math.min(o.integer("train-images", 8000), file.count());
        int pixels = file.rows() * file.cols();

        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(42);
        System.out.printf(Locale.ROOT, "VERSION djl DJL %s on %s %s, threads %s intra %s inter, OMP_NUM_THREADS %s, "
                        + "java %s%n", Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                System.getProperty("ai.djl.pytorch.num_interop_threads", "default"), System.getenv("OMP_NUM_THREADS"),
                System.getProperty("java.version"));
        try (NDManager manager = NDManager.newBaseManager(engine.defaultDevice(), engine.getEngineName());
             Model model = Model.newInstance(o.workload(), engine.getEngineName())) {
            NDArray x = manager.create(Arrays.copyOf(file.pixels(), n * pixels), new Shape(n, 1, file.rows(),
                    file.cols()));
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = labels[i];
            }
            ArrayDataset train = new ArrayDataset.Builder().setData(x).optLabels(manager.create(y))
                    .setSampling(BATCH, true).build();
            model.setBlock(network);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).optEpsilon(1e-7f)
                            .build())
                    // Glorot uniform: limit sqrt(6 / (fan in + fan out)) = sqrt(3 / mean of the fans).
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                            XavierInitializer.FactorType.AVG, 3f), Parameter.Type.WEIGHT)
                    .optInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 1, file.rows(), file.cols()));
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    long start = System.nanoTime();
                    for (Batch batch : trainer.iterateDataset(train)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "RESULT %s %d %.2f%n", o.workload(), epoch, n / seconds);
                }
            }
        }
    }

    private static Block lenet5() {
        return new SequentialBlock()
                .add(conv(6, 5, 2)).add(Activation.reluBlock()).add(maxPool())
                .add(conv(16, 5, 0)).add(Activation.reluBlock()).add(maxPool())
                .add(conv(120, 5, 0)).add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(84).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static Block mnistCnn() {
        return new SequentialBlock()
                .add(conv(32, 5, 2)).add(Activation.reluBlock()).add(maxPool())
                // Keras 'same' for an even kernel: the extra row and column after the image, not before.
                .add(new LambdaBlock(in -> new NDList(in.singletonOrThrow().pad(new Shape(0, 1, 0, 1), 0))))
                .add(conv(64, 2, 0)).add(Activation.reluBlock()).add(maxPool())
                .add(Dropout.builder().optRate(0.25f).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1000).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static Block conv(int filters, int kernel, int pad) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad)).build();
    }

    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
