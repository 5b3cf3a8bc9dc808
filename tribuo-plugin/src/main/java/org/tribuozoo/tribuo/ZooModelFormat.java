package org.tribuozoo.tribuo;

import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.tribuo.protos.ZooModelProtos;
import org.tribuozoo.tribuo.protos.ZooModelProtos.Epoch;
import org.tribuozoo.tribuo.protos.ZooModelProtos.Tensor;
import org.tribuozoo.tribuo.protos.ZooModelProtos.ZooModelData;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.OptimizerState;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.graph.Weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The protobuf payload of a {@link ZooModel} file: Tribuo's model data (provenance, feature and
 * output domains), the architecture JSON, every weight tensor as little-endian float32 bytes, the
 * image layout, the training history and, when kept, the optimizer's state. The schema is
 * {@code src/main/proto/tribuozoo/zoo_model.proto} ({@link ZooModelData}), compiled by protoc in the
 * build; its field numbers are the file format and never change meaning. The tensor, history and
 * optimizer messages are shared with the checkpoint files ({@link CheckpointFormat}).
 */
final class ZooModelFormat {
    /**
     * The current file-format version, written into Tribuo's {@code ModelProto}. A reader refuses a
     * higher one: bump it only for a change that older readers would misread.
     */
    static final int VERSION = 0;

    /** The type URL of the payload in every file ({@code tribuozoo.ZooModelData}). */
    private static final String TYPE_URL = "type.googleapis.com/" + ZooModelData.getDescriptor().getFullName();

    private ZooModelFormat() {
    }

    /** What a model file holds besides Tribuo's model data. */
    record Contents(ModelDataCarrier<?> carrier, Architecture architecture, Weights weights, ImageLayout layout,
                    double pixelScale, double pixelOffset, TrainingHistory history, int[] unitOfId,
                    boolean outputsAsComputed, OptimizerState optimizerState) {
    }

    /** True when this build reads files of format {@code version}. */
    static boolean readable(int version) {
        return version >= 0 && version <= VERSION;
    }

    /** Why a file of format {@code version} cannot be read, to follow "model file X" or "the model file". */
    static String unreadableVersion(int version) {
        if (version < 0) {
            return "claims model format version " + version + ", which no tribuo-zoo writes";
        }
        return "is of model format version " + version + ", newer than this tribuo-zoo reads (version " + VERSION
                + " at most): load it with the tribuo-zoo release that wrote it, or a later one";
    }

    /**
     * @param optimizerState the optimizer's state to keep in the file; null for none
     */
    static Any pack(ModelDataProto modelData, Architecture architecture, Weights weights, ImageLayout layout,
                    double scale, double offset, TrainingHistory history, int[] unitOfId,
                    boolean outputsAsComputed, OptimizerState optimizerState) {
        ZooModelData.Builder b = ZooModelData.newBuilder()
                .setModelData(modelData.toByteString())
                .setArchitectureJson(architecture.toJson());
        // Weights in the architecture's parameter order, so the same model gives the same bytes.
        for (var p : architecture.parameters()) {
            b.addWeights(tensor(p.key(), weights.tensor(p.key())));
        }
        b.setHeight(layout.height()).setWidth(layout.width()).setChannels(layout.channels())
                .setPixelScale(scale).setPixelOffset(offset);
        history.epochs().forEach(r -> b.addHistory(epoch(r)));
        b.setStoppedEarly(history.stoppedEarly());
        boolean identity = true;
        for (int i = 0; i < unitOfId.length; i++) {
            identity &= unitOfId[i] == i;
        }
        if (!identity) {
            for (int u : unitOfId) {
                b.addUnitOfId(u);
            }
        }
        b.setOutputsAsComputed(outputsAsComputed);
        if (optimizerState != null) {
            b.setOptimizerState(optimizerState(optimizerState));
        }
        return Any.pack(b.setContentSha256(contentDigest(b.build())).build());
    }

    /** The SHA-256 of a payload serialized without its own digest field. */
    static ByteString contentDigest(ZooModelData m) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
        m.toBuilder().clearContentSha256().build().toByteString().asReadOnlyByteBufferList().forEach(sha::update);
        return ByteString.copyFrom(sha.digest());
    }

    /** One tensor as little-endian float32 bytes. */
    static Tensor tensor(String key, Weights.Tensor t) {
        Tensor.Builder tb = Tensor.newBuilder().setKey(key);
        for (int d : t.shape().toArray()) {
            tb.addShape(d);
        }
        float[] values = t.values();
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return tb.setValues(ByteString.copyFrom(buf.array())).build();
    }

    /** Tensors in their order, each checked against its shape. */
    static Weights weights(List<Tensor> tensors) throws InvalidProtocolBufferException {
        Weights.Builder wb = Weights.builder();
        for (Tensor t : tensors) {
            Shape shape = Shape.of(t.getShapeList().stream().mapToInt(Integer::intValue).toArray());
            ByteString bytes = t.getValues();
            if (bytes.size() != shape.elementCount() * 4) {
                throw new InvalidProtocolBufferException("tensor " + t.getKey() + " holds " + bytes.size()
                        + " bytes, expected " + shape.elementCount() * 4);
            }
            float[] values = new float[bytes.size() / 4];
            bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            wb.put(t.getKey(), shape, values);
        }
        return wb.build();
    }

    static Epoch epoch(EpochResult r) {
        return Epoch.newBuilder().setEpoch(r.epoch()).setLoss(r.loss()).setAccuracy(r.accuracy())
                .setValLoss(r.validationLoss()).setValAccuracy(r.validationAccuracy())
                .setLearningRate(r.learningRate()).setSeconds(r.seconds()).setExamples(r.examples()).build();
    }

    static List<EpochResult> epochs(List<Epoch> history) {
        List<EpochResult> epochs = new ArrayList<>();
        for (Epoch e : history) {
            epochs.add(new EpochResult(e.getEpoch(), e.getLoss(), e.getAccuracy(), e.getValLoss(), e.getValAccuracy(),
                    e.getLearningRate(), e.getSeconds(), e.getExamples()));
        }
        return epochs;
    }

    static ZooModelProtos.OptimizerState optimizerState(OptimizerState state) {
        ZooModelProtos.OptimizerState.Builder b = ZooModelProtos.OptimizerState.newBuilder()
                .setOptimizer(state.optimizer()).setSteps(state.steps());
        state.slots().asMap().forEach((key, t) -> b.addSlots(tensor(key, t)));
        return b.build();
    }

    static OptimizerState optimizerState(ZooModelProtos.OptimizerState state) throws InvalidProtocolBufferException {
        if (state.getSteps() < 0) {
            throw new InvalidProtocolBufferException("the optimizer state has " + state.getSteps() + " steps");
        }
        return new OptimizerState(state.getOptimizer(), state.getSteps(), weights(state.getSlotsList()));
    }

    /**
     * Reads the payload of a file of format {@code version}.
     *
     * @throws IllegalArgumentException if this build does not read that version
     * @throws InvalidProtocolBufferException if the payload is not a whole, consistent {@link ZooModelData}
     */
    static Contents unpack(int version, Any any) throws InvalidProtocolBufferException {
        if (!readable(version)) {
            throw new IllegalArgumentException("the model file " + unreadableVersion(version));
        }
        if (!any.getTypeUrl().equals(TYPE_URL)) {
            throw new InvalidProtocolBufferException("the model data is " + any.getTypeUrl() + ", expected " + TYPE_URL);
        }
        ZooModelData m = ZooModelData.parseFrom(any.getValue());
        // First, before anything is built from the content: a damaged or altered file is refused as such.
        if (!m.getContentSha256().isEmpty() && !m.getContentSha256().equals(contentDigest(m))) {
            throw new FailedCheck("is damaged or was changed after it was written: its content does not match "
                    + "the SHA-256 written with it");
        }
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(ModelDataProto.parseFrom(m.getModelData()));
        Architecture architecture = Architecture.fromJson(m.getArchitectureJson());
        requireFinite(m.getWeightsList(), "weight");
        if (m.hasOptimizerState()) {
            requireFinite(m.getOptimizerState().getSlotsList(), "optimizer slot");
        }
        Weights weights = weights(m.getWeightsList());
        for (var p : architecture.parameters()) {
            if (!weights.contains(p.key())) {
                throw new InvalidProtocolBufferException("the model file lacks the weights of " + p.key());
            }
            // A weight of another shape is refused with the other checks (ModelFileChecks, below).
        }
        List<EpochResult> epochs = epochs(m.getHistoryList());
        Contents contents = new Contents(carrier, architecture, weights,
                layout(m.getHeight(), m.getWidth(), m.getChannels()), m.getPixelScale(), m.getPixelOffset(),
                new TrainingHistory(epochs, m.getStoppedEarly()),
                m.getUnitOfIdList().stream().mapToInt(Integer::intValue).toArray(), m.getOutputsAsComputed(),
                m.hasOptimizerState() ? optimizerState(m.getOptimizerState()) : null);
        ModelFileChecks.check(contents);
        return contents;
    }

    private static ImageLayout layout(int height, int width, int channels) {
        try {
            return new ImageLayout(height, width, channels);
        } catch (IllegalArgumentException e) {
            throw new FailedCheck("has an invalid image layout: " + e.getMessage());
        }
    }

    /** Refuses NaN and infinite values, read straight from the little-endian bytes. */
    private static void requireFinite(List<Tensor> tensors, String what) {
        for (Tensor t : tensors) {
            java.nio.FloatBuffer values = t.getValues().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer();
            for (int i = 0; i < values.limit(); i++) {
                if (!Float.isFinite(values.get(i))) {
                    throw new FailedCheck("holds a non-finite " + what + " (" + values.get(i) + " at index " + i
                            + " of " + t.getKey() + "): a network that diverged, or a damaged file");
                }
            }
        }
    }

    /**
     * A model file that parses but is refused: damaged or altered (its checksum does not match), or
     * inconsistent (non-finite weights or pixel scaling, an output mapping or domains that do not fit
     * the network). {@link #reason()} follows "model file F"; the message follows nothing.
     */
    static final class FailedCheck extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        FailedCheck(String reason) {
            super("the model file " + reason);
            this.reason = reason;
        }

        /** Why the file is refused, to follow "model file F". */
        String reason() {
            return reason;
        }
    }
}
