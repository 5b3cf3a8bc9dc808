package org.tribuozoo.tribuo;

import org.tribuozoo.tribuo.data.ImageLayout;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.graph.Weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The protobuf payload of a {@link ZooModel} file: Tribuo's model data (provenance, feature and
 * output domains), the architecture JSON, every weight tensor as little-endian float32 bytes, the
 * image layout and the training history. The message type is declared here in code (no protoc
 * step in the build); its field numbers are the file format and never change meaning.
 *
 * <pre>
 * message ZooModelData {
 *   bytes model_data = 1;            // org.tribuo.protos.core.ModelDataProto
 *   string architecture_json = 2;
 *   repeated Tensor weights = 3;     // Tensor { string key = 1; repeated int32 shape = 2; bytes values = 3; }
 *   int32 height = 4; int32 width = 5; int32 channels = 6;
 *   double pixel_scale = 7; double pixel_offset = 8;
 *   repeated Epoch history = 9;      // Epoch { int32 epoch = 1; double loss = 2; double accuracy = 3;
 *                                    //   double val_loss = 4; double val_accuracy = 5; double learning_rate = 6;
 *                                    //   double seconds = 7; int32 examples = 8; }
 *   bool stopped_early = 10;
 *   repeated int32 unit_of_id = 11;  // the network unit of each output id; empty means unit i is id i
 * }
 * </pre>
 */
final class ZooModelFormat {
    /** The current file-format version. */
    static final int VERSION = 0;

    private static final Descriptor DATA;
    private static final Descriptor TENSOR;
    private static final Descriptor EPOCH;

    static {
        DescriptorProto tensor = DescriptorProto.newBuilder().setName("Tensor")
                .addField(field("key", 1, FieldDescriptorProto.Type.TYPE_STRING, false))
                .addField(field("shape", 2, FieldDescriptorProto.Type.TYPE_INT32, true))
                .addField(field("values", 3, FieldDescriptorProto.Type.TYPE_BYTES, false))
                .build();
        DescriptorProto epoch = DescriptorProto.newBuilder().setName("Epoch")
                .addField(field("epoch", 1, FieldDescriptorProto.Type.TYPE_INT32, false))
                .addField(field("loss", 2, FieldDescriptorProto.Type.TYPE_DOUBLE, false))
                .addField(field("accuracy", 3, FieldDescriptorProto.Type.TYPE_DOUBLE, false))
                .addField(field("val_loss", 4, FieldDescriptorProto.Type.TYPE_DOUBLE, false))
                .addField(field("val_accuracy", 5, FieldDescriptorProto.Type.TYPE_DOUBLE, false))
                .addField(field("learning_rate", 6, FieldDescriptorProto.Type.TYPE_DOUBLE, false))
                .addField(field("seconds", 7, FieldDescriptorProto.Type.TYPE_DOUBLE, false))
                .addField(field("examples", 8, FieldDescriptorProto.Type.TYPE_INT32, false))
                .build();
        DescriptorProto data = DescriptorProto.newBuilder().setName("ZooModelData")
                .addField(field("model_data", 1, FieldDescriptorProto.Type.TYPE_BYTES, false))
                .addField(field("architecture_json", 2, FieldDescriptorProto.Type.TYPE_STRING, false))
                .addField(message("weights", 3, ".tribuozoo.Tensor"))
                .addField(field("height", 4, FieldDescriptorProto.Type.TYPE_INT32, false))
                .addField(field("width", 5, FieldDescriptorProto.Type.TYPE_INT32, false))
                .addField(field("channels", 6, FieldDescriptorProto.Type.TYPE_INT32, false))
                .addField(field("pixel_scale", 7, FieldDescriptorProto.Type.TYPE_DOUBLE, false))
                .addField(field("pixel_offset", 8, FieldDescriptorProto.Type.TYPE_DOUBLE, false))
                .addField(message("history", 9, ".tribuozoo.Epoch"))
                .addField(field("stopped_early", 10, FieldDescriptorProto.Type.TYPE_BOOL, false))
                .addField(field("unit_of_id", 11, FieldDescriptorProto.Type.TYPE_INT32, true))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("tribuozoo/zoo_model.proto")
                .setPackage("tribuozoo").setSyntax("proto3")
                .addMessageType(tensor).addMessageType(epoch).addMessageType(data).build();
        try {
            FileDescriptor fd = FileDescriptor.buildFrom(file, new FileDescriptor[0]);
            DATA = fd.findMessageTypeByName("ZooModelData");
            TENSOR = fd.findMessageTypeByName("Tensor");
            EPOCH = fd.findMessageTypeByName("Epoch");
        } catch (DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ZooModelFormat() {
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type,
                                              boolean repeated) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL)
                .build();
    }

    private static FieldDescriptorProto message(String name, int number, String typeName) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(typeName)
                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).build();
    }

    /** What a model file holds besides Tribuo's model data. */
    record Contents(ModelDataCarrier<?> carrier, Architecture architecture, Weights weights, ImageLayout layout,
                    double pixelScale, double pixelOffset, TrainingHistory history, int[] unitOfId) {
    }

    static Any pack(ModelDataProto modelData, Architecture architecture, Weights weights, ImageLayout layout,
                    double scale, double offset, TrainingHistory history, int[] unitOfId) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(DATA);
        set(b, "model_data", modelData.toByteString());
        set(b, "architecture_json", architecture.toJson());
        // Weights in the architecture's parameter order, so the same model gives the same bytes.
        FieldDescriptor w = DATA.findFieldByName("weights");
        for (var p : architecture.parameters()) {
            Weights.Tensor t = weights.tensor(p.key());
            DynamicMessage.Builder tb = DynamicMessage.newBuilder(TENSOR);
            set(tb, "key", p.key());
            FieldDescriptor shape = TENSOR.findFieldByName("shape");
            for (int d : t.shape().toArray()) {
                tb.addRepeatedField(shape, d);
            }
            float[] values = t.values();
            ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values);
            set(tb, "values", ByteString.copyFrom(buf.array()));
            b.addRepeatedField(w, tb.build());
        }
        set(b, "height", layout.height());
        set(b, "width", layout.width());
        set(b, "channels", layout.channels());
        set(b, "pixel_scale", scale);
        set(b, "pixel_offset", offset);
        FieldDescriptor h = DATA.findFieldByName("history");
        for (EpochResult r : history.epochs()) {
            DynamicMessage.Builder eb = DynamicMessage.newBuilder(EPOCH);
            set(eb, "epoch", r.epoch());
            set(eb, "loss", r.loss());
            set(eb, "accuracy", r.accuracy());
            set(eb, "val_loss", r.validationLoss());
            set(eb, "val_accuracy", r.validationAccuracy());
            set(eb, "learning_rate", r.learningRate());
            set(eb, "seconds", r.seconds());
            set(eb, "examples", r.examples());
            b.addRepeatedField(h, eb.build());
        }
        set(b, "stopped_early", history.stoppedEarly());
        FieldDescriptor units = DATA.findFieldByName("unit_of_id");
        boolean identity = true;
        for (int i = 0; i < unitOfId.length; i++) {
            identity &= unitOfId[i] == i;
        }
        if (!identity) {
            for (int u : unitOfId) {
                b.addRepeatedField(units, u);
            }
        }
        return Any.pack(b.build());
    }

    static Contents unpack(Any any) throws InvalidProtocolBufferException {
        String expected = "type.googleapis.com/" + DATA.getFullName();
        if (!any.getTypeUrl().equals(expected)) {
            throw new InvalidProtocolBufferException("the model data is " + any.getTypeUrl() + ", expected " + expected);
        }
        DynamicMessage m = DynamicMessage.parseFrom(DATA, any.getValue());
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(
                ModelDataProto.parseFrom((ByteString) get(m, "model_data")));
        Architecture architecture = Architecture.fromJson((String) get(m, "architecture_json"));
        Weights.Builder wb = Weights.builder();
        FieldDescriptor w = DATA.findFieldByName("weights");
        for (int i = 0; i < m.getRepeatedFieldCount(w); i++) {
            DynamicMessage t = (DynamicMessage) m.getRepeatedField(w, i);
            FieldDescriptor shapeField = TENSOR.findFieldByName("shape");
            int[] dims = new int[t.getRepeatedFieldCount(shapeField)];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = (Integer) t.getRepeatedField(shapeField, d);
            }
            ByteString bytes = (ByteString) get(t, "values");
            Shape shape = Shape.of(dims);
            if (bytes.size() != shape.elementCount() * 4) {
                throw new InvalidProtocolBufferException("weight tensor " + get(t, "key") + " holds " + bytes.size()
                        + " bytes, expected " + shape.elementCount() * 4);
            }
            float[] values = new float[bytes.size() / 4];
            bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            wb.put((String) get(t, "key"), shape, values);
        }
        Weights weights = wb.build();
        for (var p : architecture.parameters()) {
            if (!weights.contains(p.key())) {
                throw new InvalidProtocolBufferException("the model file lacks the weights of " + p.key());
            }
        }
        ImageLayout layout = new ImageLayout((Integer) get(m, "height"), (Integer) get(m, "width"),
                (Integer) get(m, "channels"));
        List<EpochResult> epochs = new ArrayList<>();
        FieldDescriptor h = DATA.findFieldByName("history");
        for (int i = 0; i < m.getRepeatedFieldCount(h); i++) {
            DynamicMessage e = (DynamicMessage) m.getRepeatedField(h, i);
            epochs.add(new EpochResult((Integer) get(e, "epoch"), (Double) get(e, "loss"), (Double) get(e, "accuracy"),
                    (Double) get(e, "val_loss"), (Double) get(e, "val_accuracy"), (Double) get(e, "learning_rate"),
                    (Double) get(e, "seconds"), (Integer) get(e, "examples")));
        }
        FieldDescriptor units = DATA.findFieldByName("unit_of_id");
        int[] unitOfId = new int[m.getRepeatedFieldCount(units)];
        for (int i = 0; i < unitOfId.length; i++) {
            unitOfId[i] = (Integer) m.getRepeatedField(units, i);
        }
        return new Contents(carrier, architecture, weights, layout, (Double) get(m, "pixel_scale"),
                (Double) get(m, "pixel_offset"), new TrainingHistory(epochs, (Boolean) get(m, "stopped_early")),
                unitOfId);
    }

    private static void set(DynamicMessage.Builder b, String name, Object value) {
        b.setField(b.getDescriptorForType().findFieldByName(name), value);
    }

    private static Object get(DynamicMessage m, String name) {
        return m.getField(m.getDescriptorForType().findFieldByName(name));
    }
}
