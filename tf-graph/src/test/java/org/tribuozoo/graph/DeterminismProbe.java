package org.tribuozoo.graph;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * Trains a small CNN with dropout, batch normalisation and Adam and prints a SHA-256 of its final
 * weights' bits (the moving statistics included); run in this JVM and in a fresh one by
 * {@link DeterminismTest}.
 */
public final class DeterminismProbe {

    private DeterminismProbe() {
    }

    static String trainAndHash(int intraThreads, int interThreads) throws Exception {
        Architecture arch = Architecture.builder("probe").input(12, 12, 1)
                .add(Conv2D.filters(8).kernel(3).padding(Padding.same()).activation(Activation.RELU))
                .add(BatchNormalization.create())
                .add(MaxPool2D.size(2)).add(Dropout.rate(0.3)).add(Flatten.layer())
                .add(Dense.units(16).activation(Activation.RELU)).add(Dropout.rate(0.5))
                .add(Dense.units(3).activation(Activation.SOFTMAX)).build();
        int n = 96;
        float[] x = new float[n * 144];
        int[] labels = new int[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(3);
            for (int p = 0; p < 144; p++) {
                x[i * 144 + p] = (float) (r.nextDouble() + (p % 3 == labels[i] ? 0.5 : 0));
            }
        }
        TrainingConfig config = TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.adam()).withSeed(17)
                .withThreads(intraThreads, interThreads);
        try (CompiledNetwork net = CompiledNetwork.compile(arch, config)) {
            net.fit(TrainingData.inMemory(Images.of(x, n, 12, 12, 1), Targets.classes(labels, 3), 23, true),
                    FitOptions.of(3, 16));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Weights.Tensor t : net.weights().asMap().values()) {
                float[] v = t.values();
                ByteBuffer b = ByteBuffer.allocate(v.length * 4);
                for (float f : v) {
                    b.putInt(Float.floatToRawIntBits(f));
                }
                sha.update(b.array());
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** Arguments: intra-op threads, inter-op threads. */
    public static void main(String[] args) throws Exception {
        System.out.println("HASH " + trainAndHash(Integer.parseInt(args[0]), Integer.parseInt(args[1])));
    }
}
