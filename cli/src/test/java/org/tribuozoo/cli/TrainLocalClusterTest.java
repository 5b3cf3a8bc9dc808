package org.tribuozoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.tribuo.ClusterProvenance;
import org.tribuozoo.tribuo.ZooModel;

/**
 * {@code zoo train --local-cluster 2 --batch-size 8} trains what {@code zoo train --batch-size 16}
 * trains in one process (up to the order of sums and the servers' thread counts), writes a normal run
 * folder, and records the cluster's shape in the model's provenance.
 */
class TrainLocalClusterTest {

    @Test
    void twoLocalWorkersTrainTheOneProcessRunWithTheDoubledBatch(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        IdxFiles.writePair(data, "train", 80, 28, 28, 1);
        IdxFiles.writePair(data, "t10k", 20, 28, 28, 2);
        String[] common = {"train", "lenet5", "--train", "idx:" + data + ":train", "--test", "idx:" + data + ":t10k",
            "--epochs", "1", "--seed", "7", "--threads", "1", "--validation-split", "0"};
        ZooCommandTest.Run local = ZooCommandTest.run(concat(common, "--batch-size", "16", "--out",
                tmp.resolve("local").toString()));
        assertEquals(0, local.code(), local.err());
        ZooCommandTest.Run cluster = ZooCommandTest.run(concat(common, "--batch-size", "8", "--local-cluster", "2",
                "--out", tmp.resolve("cluster").toString()));
        assertEquals(0, cluster.code(), cluster.err());
        try (ZooModel a = ZooModel.load(tmp.resolve("local").resolve(RunFiles.MODEL));
             ZooModel b = ZooModel.load(tmp.resolve("cluster").resolve(RunFiles.MODEL))) {
            assertEquals(Optional.empty(), ClusterProvenance.of(a.getProvenance()));
            assertEquals(Optional.of(new ClusterProvenance.Shape(1, 2, 8)), ClusterProvenance.of(b.getProvenance()));
            Weights wa = a.weights();
            Weights wb = b.weights();
            double largest = 0;
            for (String k : wa.keys()) {
                float[] x = wa.tensor(k).values();
                float[] y = wb.tensor(k).values();
                for (int i = 0; i < x.length; i++) {
                    largest = Math.max(largest, Math.abs(x[i] - y[i]));
                }
            }
            assertTrue(largest < 1e-3, "largest weight difference " + largest);
        }
        ZooCommandTest.Run replay = ZooCommandTest.run("reproduce",
                tmp.resolve("cluster").resolve(RunFiles.PROVENANCE).toString());
        assertTrue(replay.err().contains("warning: the recorded run trained on a cluster of 2 workers, 8 examples each "
                + "per step (16 in all); this retraining runs in one process with batches of 8"), replay.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
