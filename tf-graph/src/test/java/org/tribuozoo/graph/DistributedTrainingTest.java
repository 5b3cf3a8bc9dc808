package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.dsl.training.Optimizer;

/**
 * Synchronous data parallelism on TensorFlow's distributed runtime, on loopback: 1 ps and 2 worker
 * servers in this JVM. Two workers with a per-worker batch of 8 train the weights that one process
 * trains with a batch of 16, from the same seed and data order; the replicas' ops run on their workers.
 */
class DistributedTrainingTest {

    private static final Architecture NET = Architecture.builder("tiny-cnn").input(Shape.of(6, 6, 2))
            .add(Conv2D.filters(3).kernel(3).activation(Activation.RELU).name("conv")).add(Flatten.layer())
            .add(Dense.units(3).activation(Activation.SOFTMAX).name("out")).build();
    /** 75 examples in batches of 16: four full batches and one of 11 (6 + 5 on the workers) per epoch. */
    private static final int N = 75;
    private static ClusterSpec cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = ClusterSpec.loopback(freePort(), List.of(freePort(), freePort()));
        ClusterServer.start(cluster, ClusterSpec.PS, 0);
        ClusterServer.start(cluster, ClusterSpec.WORKER, 0);
        ClusterServer.start(cluster, ClusterSpec.WORKER, 1);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static TrainingData data() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[N * 72];
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = r.nextInt(3);
            for (int j = 0; j < 72; j++) {
                x[i * 72 + j] = (float) (r.nextGaussian() + (j % 3 == labels[i] ? 0.8 : 0.0));
            }
        }
        return TrainingData.inMemory(new Images(x, N, Shape.of(6, 6, 2)), Targets.classes(labels, 3), 9, true);
    }

    private static TrainingConfig config() {
        return TrainingConfig.of(Loss.categoricalCrossEntropy(), Optimizer.sgd().withLearningRate(0.05).withMomentum(0.9))
                .withSeed(21).withThreads(1, 1);
    }

    @Test
    void twoWorkersTrainWhatOneProcessTrainsWithTheDoubledBatch() {
        // 4 epochs of 5 steps: 20 steps.
        FitOptions options = FitOptions.of(4, 16);
        Weights local;
        OptimizerState localSlots;
        TrainingHistory localHistory;
        try (CompiledNetwork net = CompiledNetwork.compile(NET, config())) {
            localHistory = net.fit(data(), options);
            local = net.weights();
            localSlots = net.optimizerState();
        }
        try (CompiledNetwork net = CompiledNetwork.compileDistributed(NET, config(), Weights.empty(), cluster)) {
            TrainingHistory history = net.fit(data(), options);
            // The comparison means something only if the steps trained: the loss falls and momentum builds up.
            assertTrue(localHistory.epochs().get(3).loss() < 0.8 * localHistory.epochs().get(0).loss(),
                    localHistory.epochs().toString());
            assertTrue(localSlots.slots().keys().stream().anyMatch(k -> {
                for (float v : localSlots.slots().tensor(k).values()) {
                    if (Math.abs(v) > 1e-4) {
                        return true;
                    }
                }
                return false;
            }), "some momentum slot is non-zero");
            assertEquals(20, net.steps());
            assertEquals(20, localSlots.steps());
            assertClose(local, net.weights(), 1e-5);
            assertClose(localSlots.slots(), net.optimizerState().slots(), 1e-5);
            for (int e = 0; e < 4; e++) {
                assertEquals(localHistory.epochs().get(e).loss(), history.epochs().get(e).loss(), 1e-5);
                assertEquals(localHistory.epochs().get(e).accuracy(), history.epochs().get(e).accuracy(), 1e-9);
            }
            // Prediction and evaluation run on worker 0, fed their rows alone.
            Images probe = new Images(new float[3 * 72], 3, Shape.of(6, 6, 2));
            try (CompiledNetwork check = CompiledNetwork.forInference(NET, local, 1, 1)) {
                float[] expected = check.predict(probe);
                float[] got = net.predict(probe);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], got[i], 1e-5);
                }
            }
        }
    }

    @Test
    void replicasRunOnTheirWorkersAndVariablesOnPs() {
        TrainingGraph g = new TrainingGraph(NET, config(), InferenceOutputs.PROBABILITIES, 1, cluster);
        try {
            int replicaOps = 0;
            int gradientOps = 0;
            for (Iterator<GraphOperation> it = g.graph.operations(); it.hasNext(); ) {
                GraphOperation op = it.next();
                for (int i = 0; i < 2; i++) {
                    if (op.name().startsWith("replica" + i + "/")) {
                        replicaOps++;
                        gradientOps += op.name().startsWith("replica" + i + "/gradients/") ? 1 : 0;
                        assertTrue(op.device().startsWith("/job:worker/replica:0/task:" + i), op.name() + " on "
                                + op.device());
                    }
                }
            }
            assertTrue(gradientOps > 20, "gradient ops: " + gradientOps);
            assertTrue(replicaOps > gradientOps);
            for (Map.Entry<String, org.tensorflow.op.core.Variable<org.tensorflow.types.TFloat32>> v
                    : g.variables.entrySet()) {
                assertEquals("/job:ps/replica:0/task:0", ((GraphOperation) v.getValue().op()).device(), v.getKey());
            }
        } finally {
            g.graph.close();
        }
    }

    static void assertClose(Weights expected, Weights actual, double tolerance) {
        assertEquals(expected.keys(), actual.keys());
        List<String> far = new ArrayList<>();
        for (String k : expected.keys()) {
            float[] a = expected.tensor(k).values();
            float[] b = actual.tensor(k).values();
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i]) > tolerance) {
                    far.add(k + "[" + i + "]: " + a[i] + " vs " + b[i]);
                }
            }
        }
        assertTrue(far.isEmpty(), far.size() + " values differ by more than " + tolerance + ": " + far);
    }
}
