package org.tribuozoo.tribuo;

import org.tribuo.provenance.ModelProvenance;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuozoo.graph.NativeRuntime;
import org.tribuozoo.graph.NumericEnvironment;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.tribuo.data.DemoDataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trained model's provenance records the numeric environment, and a rerun elsewhere says what differs. */
class NumericProvenanceTest {

    private static ZooModel trained() {
        return ZooTrainer.builder("lenet5").epochs(1).seed(3).threads(2, 1).build()
                .train(new MutableDataset<>(new DemoDataSource(4, 300)));
    }

    @Test
    void aTrainedModelRecordsItsNumericEnvironmentThroughJson(@TempDir Path dir) throws Exception {
        try (ZooModel model = trained()) {
            NumericEnvironment recorded = NumericProvenance.recorded(model.getProvenance()).orElseThrow();
            assertEquals(NativeRuntime.prepare().oneDnnEnabled(), recorded.oneDnn());
            assertEquals(NativeRuntime.intraOpThreadsInEffect(), recorded.intraOpThreads());
            assertEquals(1, recorded.interOpThreads());
            assertEquals(1, recorded.replicas(), "automatic: one replica per inter-op thread");
            assertTrue(recorded.tensorflowVersion().matches("\\d+\\.\\d+\\.\\d+"), recorded.tensorflowVersion());
            assertEquals(NumericEnvironment.current(new Parallelism(NativeRuntime.intraOpThreadsInEffect(), 1, 1)),
                    recorded);

            Path json = dir.resolve("provenance.json");
            ProvenanceJson.write(model.getProvenance(), json);
            assertEquals(Optional.of(recorded), NumericProvenance.recorded(ProvenanceJson.read(json)));
            Experiment same = Experiment.fromFile(json);
            assertEquals(Optional.of(recorded), same.recordedEnvironment());
            assertEquals(Optional.empty(), same.environmentChange(), "the same process, the same environment");
        }
    }

    @Test
    void aDifferentEnvironmentIsLoggedInOneLineBeforeTraining() {
        Experiment recorded;
        try (ZooModel model = trained()) {
            recorded = Experiment.fromProvenance(model.getProvenance());
        }
        NumericEnvironment now = recorded.recordedEnvironment().orElseThrow();
        NumericEnvironment elsewhere = new NumericEnvironment(!now.oneDnn(), "2.15.0", now.intraOpThreads(),
                now.interOpThreads(), now.replicas(), now.cpuInstructions());
        Experiment e = new Experiment(recorded.trainer(), recorded.trainingData(), recorded.invocationCount(),
                Optional.of(elsewhere));
        String expected = "the numeric environment differs from the recorded run's: oneDNN "
                + (now.oneDnn() ? "on (recorded: off)" : "off (recorded: on)") + ", TensorFlow "
                + now.tensorflowVersion() + " (recorded: 2.15.0); the numbers may then differ from the recorded "
                + "model's";
        assertEquals(Optional.of(expected), e.environmentChange());

        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(Experiment.class.getName());
        log.addHandler(capture);
        try (ZooModel again = e.run()) {
            assertEquals(Optional.of(now), NumericProvenance.recorded(again.getProvenance()), "records where it ran");
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(1, records.size(), "one line");
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals(expected, records.get(0).getMessage());
    }

    @Test
    void aModelFromBeforeTheRecordHasNoEnvironmentAndNoWarning() throws Exception {
        try (ZooModel old = ZooModel.load(ZooModelFormatCompatibilityTest.resource("tiny-shapes-v0.model"))) {
            assertEquals(Optional.empty(), NumericProvenance.recorded(old.getProvenance()));
        }
    }

    @Test
    void aTrainerFromBeforeReplicasIsRebuiltWithOne(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("provenance.json");
        try (ZooModel model = trained()) {
            assertEquals("0", model.getProvenance().getTrainerProvenance().getConfiguredParameters().get("replicas")
                    .toString(), "today's trainers record the automatic choice");
            ProvenanceJson.write(model.getProvenance(), json);
        }
        assertEquals("0", Experiment.trainerOf(ProvenanceJson.read(json)).getProvenance().getConfiguredParameters()
                .get("replicas").toString());
        // The same file as a version before replicas wrote it: no replicas entry.
        String text = Files.readString(json);
        String older = text.replaceAll("\"replicas\" : \\{[^{}]*\\},\\s*", "");
        assertNotEquals(text, older);
        Files.writeString(json, older);
        ModelProvenance before = ProvenanceJson.read(json);
        assertFalse(before.getTrainerProvenance().getConfiguredParameters().containsKey("replicas"), older);
        assertEquals("1", Experiment.trainerOf(before).getProvenance().getConfiguredParameters().get("replicas")
                .toString());
    }
}
