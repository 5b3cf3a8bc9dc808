package org.tribuozoo.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuozoo.tribuo.protos.ZooModelProtos.Tensor;
import org.tribuozoo.tribuo.protos.ZooModelProtos.ZooModelData;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model files carry a SHA-256 of their content and are checked when loaded: a damaged or altered file,
 * non-finite weights or pixel scaling, and labels, units or features that do not fit the network are
 * refused in one line naming the file, never loaded to give other answers or to fail when predicting.
 */
class ModelFileIntegrityTest {

    @TempDir
    Path tmp;

    /** The version-0 shapes model written again: the same model, now with its checksum. */
    private Path shapesWithChecksum() throws Exception {
        Path file = tmp.resolve("shapes.model");
        try (ZooModel model = ZooModel.load(ZooModelFormatCompatibilityTest.resource("tiny-shapes-v0.model"))) {
            model.serializeToFile(file);
        }
        return file;
    }

    private static ZooModelData payload(ModelProto proto) throws Exception {
        return proto.getSerializedData().unpack(ZooModelData.class);
    }

    /** A copy of a file with its payload changed, its checksum recomputed or left as it was. */
    private Path rewrite(Path from, String name, UnaryOperator<ZooModelData.Builder> change, boolean newDigest)
            throws Exception {
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(from));
        ZooModelData.Builder b = change.apply(payload(proto).toBuilder());
        if (newDigest) {
            b.setContentSha256(ZooModelFormat.contentDigest(b.build()));
        }
        Path to = tmp.resolve(name);
        Files.write(to, proto.toBuilder().setSerializedData(Any.pack(b.build())).build().toByteArray());
        return to;
    }

    private static String refusal(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> ZooModel.load(file)).getMessage();
    }

    private static Tensor withValue(Tensor t, int index, float value) {
        ByteBuffer bytes = ByteBuffer.wrap(t.getValues().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putFloat(4 * index, value);
        return t.toBuilder().setValues(ByteString.copyFrom(bytes.array())).build();
    }

    @Test
    void everyFileCarriesTheDigestOfItsContentAndOldFilesLoadWithout() throws Exception {
        Path file = shapesWithChecksum();
        ZooModelData written = payload(ModelProto.parseFrom(Files.readAllBytes(file)));
        assertEquals(32, written.getContentSha256().size());
        assertEquals(ZooModelFormat.contentDigest(written), written.getContentSha256());
        // The same content as the version-0 file, which has no digest and loads unchecked.
        ZooModelData old = payload(ModelProto.parseFrom(Files.readAllBytes(
                ZooModelFormatCompatibilityTest.resource("tiny-shapes-v0.model"))));
        assertTrue(old.getContentSha256().isEmpty());
        assertEquals(old, written.toBuilder().clearContentSha256().build());
    }

    /**
     * 200 single-bit flips anywhere in a file: each is refused, or (a flip that changes nothing the
     * model is built from) gives a model with exactly the same predictions. None loads and changes a
     * score.
     */
    @Test
    void noSingleBitFlipLoadsAndChangesAScore() throws Exception {
        Path file = shapesWithChecksum();
        byte[] bytes = Files.readAllBytes(file);
        List<Example<Label>> probe = ZooModelFormatCompatibilityTest.shrunkDemo(2, 4);
        List<Prediction<Label>> reference;
        try (ZooModel model = ZooModel.load(file)) {
            reference = model.predict(probe);
        }
        SplittableRandom random = new SplittableRandom(12);
        int refused = 0;
        Path flipped = tmp.resolve("flipped.model");
        for (int i = 0; i < 200; i++) {
            byte[] copy = bytes.clone();
            int bit = random.nextInt(copy.length * 8);
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(flipped, copy);
            ZooModel model;
            try {
                model = ZooModel.load(flipped);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("model file " + flipped + " "), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                refused++;
                continue;
            }
            try (model) {
                List<Prediction<Label>> again = model.predict(probe);
                for (int e = 0; e < probe.size(); e++) {
                    assertEquals(reference.get(e).getOutputScores().toString(),
                            again.get(e).getOutputScores().toString(), "bit " + bit + " changed a score");
                }
            }
        }
        assertTrue(refused >= 195, refused + " of 200 flips refused");
    }

    @Test
    void aWeightChangedAfterWritingIsRefusedByTheChecksum() throws Exception {
        Path changed = rewrite(shapesWithChecksum(), "changed.model",
                b -> b.setWeights(0, withValue(b.getWeights(0), 0, 0.25f)), false);
        assertEquals("model file " + changed + " is damaged or was changed after it was written: its content "
                + "does not match the SHA-256 written with it", refusal(changed));

        // Through Tribuo's own entry point the same reason is the root cause.
        Throwable t = assertThrows(RuntimeException.class, () -> Model.deserializeFromFile(changed));
        while (t.getCause() != null) {
            t = t.getCause();
        }
        assertEquals("the model file is damaged or was changed after it was written: its content does not match "
                + "the SHA-256 written with it", t.getMessage());
    }

    @Test
    void aTamperedUnitMapIsRefusedByTheChecksumAndWhenConsistentlyRewritten() throws Exception {
        Path policy = ZooModelFormatCompatibilityTest.resource("tiny-policy-v0.model");
        Path rewritten = tmp.resolve("policy.model");
        try (ZooModel model = ZooModel.load(policy)) {
            model.serializeToFile(rewritten);
        }
        // The labels shifted by one unit: refused by the checksum.
        Path shifted = rewrite(rewritten, "shifted.model", b -> b.clearUnitOfId().addAllUnitOfId(List.of(3, 0, 1, 2)),
                false);
        assertTrue(refusal(shifted).contains("does not match the SHA-256"));
        // An out-of-range unit, with the checksum recomputed (or in a file without one): refused at load
        // time, not with an index error when predicting.
        Path outOfRange = rewrite(rewritten, "range.model", b -> b.setUnitOfId(2, 12), true);
        assertEquals("model file " + outOfRange + " maps output id 2 to unit 12, but its network has units 0..3",
                refusal(outOfRange));
        Path twice = rewrite(rewritten, "twice.model", b -> b.setUnitOfId(0, b.getUnitOfId(1)), true);
        assertTrue(refusal(twice).startsWith("model file " + twice + " maps two output ids to unit "),
                refusal(twice));
        Path unchecked = rewrite(policy, "old-range.model", b -> b.setUnitOfId(2, 12), false);
        assertTrue(refusal(unchecked).endsWith("maps output id 2 to unit 12, but its network has units 0..3"));
    }

    @Test
    void nonFiniteWeightsAndPixelScalingAreRefusedEvenWithAValidChecksum() throws Exception {
        Path file = shapesWithChecksum();
        String key = payload(ModelProto.parseFrom(Files.readAllBytes(file))).getWeights(0).getKey();
        Path nan = rewrite(file, "nan.model", b -> b.setWeights(0, withValue(b.getWeights(0), 3, Float.NaN)), true);
        assertEquals("model file " + nan + " holds a non-finite weight (NaN at index 3 of " + key + "): a network "
                + "that diverged, or a damaged file", refusal(nan));
        Path inf = rewrite(file, "inf.model",
                b -> b.setWeights(1, withValue(b.getWeights(1), 0, Float.NEGATIVE_INFINITY)), true);
        assertTrue(refusal(inf).contains("holds a non-finite weight (-Infinity at index 0 of"), refusal(inf));
        Path scale = rewrite(file, "scale.model", b -> b.setPixelScale(Double.NaN), true);
        assertEquals("model file " + scale + " has a non-finite pixel scaling (scale NaN, offset 0.0)",
                refusal(scale));
        Path offset = rewrite(file, "offset.model", b -> b.setPixelOffset(Double.POSITIVE_INFINITY), true);
        assertTrue(refusal(offset).endsWith("offset Infinity)"));
    }

    @Test
    void layoutWeightsLabelsAndFeaturesThatDoNotFitTheNetworkAreRefused() throws Exception {
        Path file = shapesWithChecksum();
        Path layout = rewrite(file, "layout.model", b -> b.setHeight(8), true);
        assertEquals("model file " + layout + " holds images of 8x7x1 but its network 'tiny-shapes' takes input of "
                + "shape (7, 7, 1)", refusal(layout));
        Path extra = rewrite(file, "extra.model", b -> b.addWeights(b.getWeights(0).toBuilder().setKey("ghost/kernel")),
                true);
        assertEquals("model file " + extra + " holds weights [ghost/kernel] that its network 'tiny-shapes' does not "
                + "have", refusal(extra));
        Path reshaped = rewrite(file, "reshaped.model", b -> b.setWeights(0, b.getWeights(0).toBuilder()
                .clearShape().addAllShape(List.of(18)).build()), true);
        assertTrue(refusal(reshaped).contains("of shape (18) but its network's parameter has shape"),
                refusal(reshaped));

        // A model data record (provenance, domains) from the policy model: 4 labels on a 10-unit network,
        // features of 2x2 images on 7x7 ones is fine, so the labels are what fails first.
        ByteString policyData = payload(ModelProto.parseFrom(Files.readAllBytes(
                ZooModelFormatCompatibilityTest.resource("tiny-policy-v0.model")))).getModelData();
        Path labels = rewrite(file, "labels.model", b -> b.setModelData(policyData), true);
        assertEquals("model file " + labels + " has 4 labels but its network 'tiny-shapes' has 10 output units",
                refusal(labels));

        // The shapes model's feature names on the policy model's 2x2 images: "48" is no pixel of them.
        ByteString shapesData = payload(ModelProto.parseFrom(Files.readAllBytes(file))).getModelData();
        Path policy = tmp.resolve("policy.model");
        try (ZooModel model = ZooModel.load(ZooModelFormatCompatibilityTest.resource("tiny-policy-v0.model"))) {
            model.serializeToFile(policy);
        }
        ModelDataProto shapes = ModelDataProto.parseFrom(shapesData);
        ModelDataProto policyDomains = ModelDataProto.parseFrom(policyData);
        ByteString mixed = policyDomains.toBuilder().setFeatureDomain(shapes.getFeatureDomain()).build().toByteString();
        Path features = rewrite(policy, "features.model", b -> b.setModelData(mixed), true);
        assertTrue(refusal(features).matches("model file .* has (49 features but its 2x2x1 images have 4 pixel "
                + "values|feature '\\d+', which is not a pixel of its 2x2x1 images)"), refusal(features));
    }
}
