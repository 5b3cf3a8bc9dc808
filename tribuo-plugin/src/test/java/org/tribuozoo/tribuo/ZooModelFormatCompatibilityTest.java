package org.tribuozoo.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuozoo.tribuo.protos.ZooModelProtos.ZooModelData;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.tribuo.data.ImageLayout;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model files written before the schema became a compiled {@code .proto} (format version 0, by the
 * code of commit 097d03b; see {@code resources/org/tribuozoo/tribuo/format/README.md}) load and
 * predict what they predicted then, bit for bit; files of a newer format version are refused.
 */
class ZooModelFormatCompatibilityTest {

    static final List<String> SHAPE_LABELS =
            List.of("square", "diamond", "disk", "corner", "star", "equals", "cross", "circle", "plus", "triangle");

    /** The recorded probabilities of the first four 7x7 demo images of seed 2, in {@link #SHAPE_LABELS} order. */
    static final float[][] SHAPE_PROBABILITIES = {
        {0.09789212f, 0.15964977f, 0.09351032f, 0.089229174f, 0.12556028f, 0.08769265f, 0.08586273f, 0.10167579f,
            0.06870868f, 0.09021852f},
        {0.0812569f, 0.13940042f, 0.113854f, 0.0961756f, 0.112532f, 0.07740203f, 0.100320406f, 0.11196163f,
            0.0810829f, 0.08601406f},
        {0.094199136f, 0.10653001f, 0.1058892f, 0.107695535f, 0.11783932f, 0.087946504f, 0.105053164f, 0.09577174f,
            0.091020785f, 0.08805451f},
        {0.072699286f, 0.15976292f, 0.11691078f, 0.109387994f, 0.16195972f, 0.058103986f, 0.10606654f, 0.09484447f,
            0.057865053f, 0.062399317f},
    };

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ZooModelFormatCompatibilityTest.class.getResource("format/" + name).toURI());
    }

    /** Each 4x4 block of a 28x28 demo image averaged: the 7x7 images the old file was trained on. */
    static List<Example<Label>> shrunkDemo(long seed, int count) {
        List<Example<Label>> out = new ArrayList<>();
        for (Example<Label> e : SharedData.demo(seed, count)) {
            double[] big = new double[28 * 28];
            for (Feature f : e) {
                big[Integer.parseInt(f.getName())] = f.getValue();
            }
            String[] names = new String[49];
            double[] values = new double[49];
            for (int i = 0; i < 49; i++) {
                int h = i / 7;
                int w = i % 7;
                double sum = 0;
                for (int dh = 0; dh < 4; dh++) {
                    for (int dw = 0; dw < 4; dw++) {
                        sum += big[(4 * h + dh) * 28 + 4 * w + dw];
                    }
                }
                names[i] = String.format("%02d", i);
                values[i] = sum / 16;
            }
            out.add(new ArrayExample<>(e.getOutput(), names, values));
        }
        return out;
    }

    @Test
    void trainedVersion0FileLoadsAndPredictsTheRecordedNumbers() throws Exception {
        try (ZooModel model = ZooModel.load(resource("tiny-shapes-v0.model"))) {
            assertEquals("tiny-shapes", model.architecture().name());
            assertEquals(110, model.architecture().parameterCount());
            assertEquals(SHAPE_LABELS, model.labels());
            assertEquals(new ImageLayout(7, 7, 1), model.imageLayout());
            assertEquals(1 / 255.0, model.pixelScale(), 0.0);
            assertEquals(0.0, model.pixelOffset(), 0.0);
            assertEquals(1, model.history().epochs().size());
            assertEquals(1, model.history().last().epoch());
            assertEquals(2.2842, model.history().last().loss(), 5e-5);
            assertEquals(38 / 300.0, model.history().last().accuracy(), 1e-9);
            assertFalse(model.history().stoppedEarly());
            assertTrue(model.optimizerState().isEmpty(), "written before model files could carry it");

            List<Example<Label>> probe = shrunkDemo(2, 4);
            List<Prediction<Label>> predictions = model.predict(probe);
            assertEquals(List.of("diamond", "diamond", "star", "star"),
                    predictions.stream().map(p -> p.getOutput().getLabel()).toList());
            for (int i = 0; i < probe.size(); i++) {
                float[] scores = new float[SHAPE_LABELS.size()];
                for (int j = 0; j < scores.length; j++) {
                    scores[j] = (float) predictions.get(i).getOutputScores().get(SHAPE_LABELS.get(j)).getScore();
                }
                assertArrayEquals(SHAPE_PROBABILITIES[i], scores, 0f, "image " + i);
            }
        }
    }

    @Test
    void version0FileWithUnitOrderAndFullHistoryLoads() throws Exception {
        try (ZooModel model = ZooModel.load(resource("tiny-policy-v0.model"))) {
            assertEquals("policy", model.getName());
            assertEquals("tiny-policy", model.architecture().name());
            assertArrayEquals(new float[] {0.5f}, model.weights().values("conv2d_1/kernel"));
            assertArrayEquals(new float[] {0f, 1f, 2f, 3f}, model.weights().values("position_bias_1/bias"));
            assertEquals(new ImageLayout(2, 2, 1), model.imageLayout());
            assertEquals(List.of(new EpochResult(1, 1.5, 0.25, 1.75, 0.5, 0.01, 2.0, 4)), model.history().epochs());
            assertTrue(model.history().stoppedEarly());

            // Logits 0.5, 1, 2, 4 on units A2, B2, A1, B1, whatever ids Tribuo gave the labels.
            Prediction<Label> p = model.predict(
                    new ArrayExample<>(new Label("A2"), new String[] {"0", "3"}, new double[] {1, 2}));
            assertEquals("B1", p.getOutput().getLabel());
            assertEquals(0.111357756f, (float) p.getOutputScores().get("A1").getScore(), 0f);
            assertEquals(0.040966228f, (float) p.getOutputScores().get("B2").getScore(), 0f);
            assertEquals(0.024847275f, (float) p.getOutputScores().get("A2").getScore(), 0f);
            assertEquals(0.8228287f, (float) p.getOutputScores().get("B1").getScore(), 0f);
        }
    }

    /**
     * The compiled schema writes exactly the bytes the hand-assembled one wrote, plus the content's
     * SHA-256 (field 14, which files written before it existed lack).
     */
    @Test
    void version0FilesAreRewrittenByteForByte() throws Exception {
        for (String name : List.of("tiny-shapes-v0.model", "tiny-policy-v0.model")) {
            Path file = resource(name);
            try (ZooModel model = ZooModel.load(file)) {
                ModelProto written = model.serialize();
                ZooModelData payload = written.getSerializedData().unpack(ZooModelData.class);
                assertEquals(ZooModelFormat.contentDigest(payload), payload.getContentSha256(), name);
                ModelProto withoutDigest = written.toBuilder()
                        .setSerializedData(Any.pack(payload.toBuilder().clearContentSha256().build())).build();
                assertTrue(Arrays.equals(Files.readAllBytes(file), withoutDigest.toByteArray()), name);
            }
        }
    }

    @Test
    void newerFormatVersionIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        ModelProto old = ModelProto.parseFrom(Files.readAllBytes(resource("tiny-policy-v0.model")));
        int newer = ZooModelFormat.VERSION + 1;
        Path file = dir.resolve("newer.model");
        Files.write(file, old.toBuilder().setVersion(newer).build().toByteArray());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZooModel.load(file));
        assertEquals("model file " + file + " is of model format version " + newer + ", newer than this tribuo-zoo "
                + "reads (version " + ZooModelFormat.VERSION + " at most): load it with the tribuo-zoo release that "
                + "wrote it, or a later one", e.getMessage());

        // Through Tribuo's own entry point the same reason is the root cause.
        Throwable t = assertThrows(RuntimeException.class, () -> Model.deserializeFromFile(file));
        while (t.getCause() != null) {
            t = t.getCause();
        }
        assertEquals("the model file is of model format version " + newer + ", newer than this tribuo-zoo reads "
                + "(version " + ZooModelFormat.VERSION + " at most): load it with the tribuo-zoo release that wrote "
                + "it, or a later one", t.getMessage());
    }

    @Test
    void truncatedAndForeignPayloadsAreClearErrors(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(resource("tiny-policy-v0.model"));
        Path truncated = dir.resolve("truncated.model");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZooModel.load(truncated)).getMessage()
                .startsWith("model file " + truncated + " is not a readable Tribuo model (corrupt, truncated"));

        ModelProto old = ModelProto.parseFrom(bytes);
        Path foreign = dir.resolve("foreign.model");
        Files.write(foreign, old.toBuilder().setSerializedData(Any.newBuilder()
                .setTypeUrl("type.googleapis.com/other.Payload").setValue(ByteString.copyFromUtf8("x"))).build()
                .toByteArray());
        assertEquals("model file " + foreign + " is not a readable Tribuo model (corrupt, truncated or of another "
                        + "format): the model data is type.googleapis.com/other.Payload, expected "
                        + "type.googleapis.com/tribuozoo.ZooModelData",
                assertThrows(IllegalArgumentException.class, () -> ZooModel.load(foreign)).getMessage());
    }
}
