package org.tribuozoo.tribuo;

import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.tribuo.data.PixelFeatureNames;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;
import org.tribuozoo.tribuo.onnx.ArchitectureOnnx;
import ai.onnx.proto.OnnxMl;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.graph.CompiledNetwork;
import org.tribuozoo.graph.Parallelism;
import org.tribuozoo.graph.Images;
import org.tribuozoo.graph.InferenceOutputs;
import org.tribuozoo.graph.OptimizerState;
import org.tribuozoo.graph.TrainingHistory;
import org.tribuozoo.graph.Weights;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A trained network as a Tribuo model: predictions with a score for every label, Tribuo
 * provenance, protobuf model files with the weights inside, and ONNX export.
 *
 * <p>Predicting compiles the network into a TensorFlow session the first time and keeps it;
 * {@link #close()} releases it (the model stays usable and compiles again when asked). A model that
 * nobody closes releases its session once it becomes unreachable, so generic Tribuo code that drops
 * models without closing them (cross-validation folds, ensembles) does not leak native memory.
 *
 * <p>Java serialization is supported for Tribuo code that relies on it ({@code Model} is
 * {@code Serializable}): the stream carries the same protobuf bytes as a model file, so a
 * deserialized model predicts bit-identically. Files should still be written with
 * {@link #serializeToFile} and read with {@link #load}.
 *
 * <p>Predictions may be asked for from several threads at once: they run side by side in the one
 * session (no lock is held around it; TensorFlow's threads, every core's, are shared by the calls),
 * and give the same bits as one thread would. An example's scores are also the same bits whether it
 * is predicted alone, in a list or in a dataset, wherever it stands (see
 * {@link CompiledNetwork#predict(Images)}). {@link #close()} waits for predictions under way.
 *
 * <p>Examples are checked, not misread: an example whose features are not pixels of the model's
 * image, whose recorded image layout is another ({@code ImageExamples}), or with a value that is not
 * finite is refused with an {@link IllegalArgumentException}. Predicting many examples (a list, a
 * dataset) refuses them all if any is refused, and the message counts them and names the first: a
 * list of predictions is one per example or none.
 */
public final class ZooModel extends Model<Label> implements ONNXExportable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    /** Examples per native call when predicting many. */
    private static final int PREDICT_BATCH = 256;

    private final transient Architecture architecture;
    private final transient Weights weights;
    /** How examples hold their images: height, width and channels. */
    private final ImageLayout layout;
    /** Multiplies each feature value on its way into the network. */
    private final double pixelScale;
    /** Added to each feature value after scaling. */
    private final double pixelOffset;
    private final transient TrainingHistory history;
    /** The network unit that scores each output id; identity when the trainer chose the id order. */
    private final int[] unitOfId;
    /** The optimizer's state at the end of training, when the trainer kept it; null otherwise. */
    private final transient OptimizerState optimizerState;
    /** What the network predicts: probabilities (networks trained here) or its outputs as computed. */
    private final InferenceOutputs outputs;

    /** Releases the native session once the model is unreachable; one thread for every model. */
    private static final Cleaner SESSIONS = Cleaner.create();

    private final transient InferenceSession session = new InferenceSession();
    private transient ImageTensors tensors;

    /**
     * @param optimizerState the optimizer's state to keep with the model; null for none
     */
    ZooModel(String name, ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<Label> outputs,
             Architecture architecture, Weights weights, ImageLayout layout, double pixelScale, double pixelOffset,
             TrainingHistory history, OptimizerState optimizerState) {
        this(name, provenance, features, outputs, architecture, weights, layout, pixelScale, pixelOffset, history,
                identity(outputs.size()), InferenceOutputs.PROBABILITIES, optimizerState);
    }

    private ZooModel(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                     ImmutableOutputInfo<Label> outputs, Architecture architecture, Weights weights, ImageLayout layout,
                     double pixelScale, double pixelOffset, TrainingHistory history, int[] unitOfId,
                     InferenceOutputs predicts, OptimizerState optimizerState) {
        // Outputs as computed are whatever the last layer gives (logits, say): not promised to be probabilities.
        super(name, provenance, features, outputs, predicts == InferenceOutputs.PROBABILITIES);
        this.unitOfId = unitOfId.clone();
        this.outputs = predicts;
        this.optimizerState = optimizerState;
        this.architecture = architecture;
        this.weights = weights;
        this.layout = layout;
        this.pixelScale = pixelScale;
        this.pixelOffset = pixelOffset;
        this.history = history;
        this.tensors = new ImageTensors(layout, pixelScale, pixelOffset);
        SESSIONS.register(this, session);
    }

    /**
     * A model of a network trained outside {@link ZooTrainer} (on streamed data, for instance), whose
     * output units stand for the given labels in their own order (the AlphaGo policy's units are board
     * points, whatever ids Tribuo gives their labels).
     *
     * @param name         the model's name, as Tribuo's {@code Model#getName} gives it
     * @param provenance   how the model was made; a {@link ZooTrainer}'s provenance lets Tribuo rebuild the run
     * @param features     the feature domain: one pixel feature per input value, named as
     *                     {@link org.tribuozoo.tribuo.data.PixelFeatureNames} writes them
     * @param outputs      the label domain
     * @param unitLabels   the label of each output unit, every label of {@code outputs} exactly once
     * @param architecture the network
     * @param weights      every parameter's trained values
     * @param layout       how examples hold their images
     * @param pixelScale   multiplies each feature value on its way into the network
     * @param pixelOffset  added to each value after scaling
     * @param history      the training epochs, as the model reports them; may hold no epoch
     * @return a model whose scores are probabilities
     * @throws IllegalArgumentException if the units and the output domain do not match
     */
    public static ZooModel ofTrainedNetwork(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                                            ImmutableOutputInfo<Label> outputs, List<String> unitLabels,
                                            Architecture architecture, Weights weights, ImageLayout layout,
                                            double pixelScale, double pixelOffset, TrainingHistory history) {
        return ofNetwork(name, provenance, features, outputs, unitLabels, architecture, weights, layout, pixelScale,
                pixelOffset, history, InferenceOutputs.PROBABILITIES);
    }

    /**
     * A model of a network whose weights come from elsewhere, as {@link #ofTrainedNetwork}, predicting
     * what {@code predicts} says: {@link InferenceOutputs#AS_COMPUTED} for a network trained outside
     * tribuo-zoo (an imported Keras model), whose scores are then exactly its last layer's outputs
     * (logits for a linear last layer), in ONNX as well.
     *
     * @param name         the model's name
     * @param provenance   how the model was made
     * @param features     the feature domain: one pixel feature per input value
     * @param outputs      the label domain
     * @param unitLabels   the label of each output unit, every label of {@code outputs} exactly once
     * @param architecture the network
     * @param weights      every parameter's values
     * @param layout       how examples hold their images
     * @param pixelScale   multiplies each feature value on its way into the network
     * @param pixelOffset  added to each value after scaling
     * @param history      the training epochs; may hold no epoch (an imported network)
     * @param predicts     what the scores are: probabilities, or the last layer's outputs as computed
     * @return the model
     * @throws IllegalArgumentException if the units and the output domain do not match
     * @throws NullPointerException     if {@code predicts} is null
     */
    public static ZooModel ofNetwork(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                                     ImmutableOutputInfo<Label> outputs, List<String> unitLabels,
                                     Architecture architecture, Weights weights, ImageLayout layout,
                                     double pixelScale, double pixelOffset, TrainingHistory history,
                                     InferenceOutputs predicts) {
        long units = architecture.outputShape().elementCount();
        if (units != unitLabels.size() || outputs.size() != unitLabels.size()) {
            throw new IllegalArgumentException("network '" + architecture.name() + "' has " + units + " outputs, "
                    + unitLabels.size() + " unit labels are given and the output domain has " + outputs.size());
        }
        int[] unitOfId = new int[outputs.size()];
        java.util.Arrays.fill(unitOfId, -1);
        for (int u = 0; u < unitLabels.size(); u++) {
            int id = outputs.getID(new Label(unitLabels.get(u)));
            if (id < 0 || unitOfId[id] >= 0) {
                throw new IllegalArgumentException("unit label '" + unitLabels.get(u)
                        + "' is not in the output domain, or given twice");
            }
            unitOfId[id] = u;
        }
        return new ZooModel(name, provenance, features, outputs, architecture, weights, layout, pixelScale,
                pixelOffset, history, unitOfId, java.util.Objects.requireNonNull(predicts, "predicts"), null);
    }

    private static int[] identity(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    private boolean unitsInIdOrder() {
        for (int i = 0; i < unitOfId.length; i++) {
            if (unitOfId[i] != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * The trained network's architecture (with its frozen layers, if any).
     *
     * @return the architecture
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * The trained weights, keyed {@code layer/param}.
     *
     * @return the weights (an immutable value)
     */
    public Weights weights() {
        return weights;
    }

    /**
     * The optimizer's state at the end of training (step counter, Adam's moments, ...), present when
     * the trainer kept it ({@code keepOptimizerState}): a trainer that starts from this model and
     * keeps it too continues the optimizer rather than restarting it. Files written without it, and
     * every file written before it existed, load with none.
     *
     * @return the state; empty when the trainer did not keep it
     */
    public Optional<OptimizerState> optimizerState() {
        return Optional.ofNullable(optimizerState);
    }

    /**
     * How examples hold their images.
     *
     * @return height, width and channels of the images the model takes
     */
    public ImageLayout imageLayout() {
        return layout;
    }

    /**
     * Multiplies each feature value on its way into the network ({@code value * scale + offset}).
     *
     * @return the scale, 1/255 unless the trainer was told otherwise
     */
    public double pixelScale() {
        return pixelScale;
    }

    /**
     * Added to each feature value after scaling ({@code value * scale + offset}).
     *
     * @return the offset, 0 unless the trainer was told otherwise
     */
    public double pixelOffset() {
        return pixelOffset;
    }

    /**
     * Per-epoch loss, accuracy, validation loss and accuracy, and seconds.
     *
     * @return the training history; no epochs for a network imported from elsewhere
     */
    public TrainingHistory history() {
        return history;
    }

    /**
     * The labels in output order (the network's unit {@code i} scores label {@code i}).
     *
     * @return the label names by output id
     */
    public List<String> labels() {
        return ImageTensors.labels(outputIDInfo);
    }

    /**
     * What the model's scores are: {@link InferenceOutputs#PROBABILITIES} for networks trained here,
     * {@link InferenceOutputs#AS_COMPUTED} (the last layer's outputs as they are) for imported ones.
     *
     * @return what the scores are
     */
    public InferenceOutputs outputs() {
        return outputs;
    }

    /** True when the network has one sigmoid unit giving the probability of the second label. */
    boolean isSigmoidBinary() {
        return architecture.outputShape().elementCount() == 1;
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        return predictAll(List.of(example)).get(0);
    }

    @Override
    protected List<Prediction<Label>> innerPredict(Iterable<Example<Label>> examples) {
        List<Example<Label>> list = new ArrayList<>();
        examples.forEach(list::add);
        return predictAll(list);
    }

    /**
     * The network's probabilities (or, for a model of {@link InferenceOutputs#AS_COMPUTED}, its outputs)
     * for images already in tensor form: {@code count x labels}, row-major, column {@code j} the label
     * with output id {@code j}. A network with one sigmoid output gives two columns, {@code 1 - p} and
     * {@code p}.
     *
     * @param images the examples, of the network's input shape, already scaled
     * @return {@code images.count() * labels().size()} scores, one row per example
     * @throws IllegalArgumentException if the examples' shape is not the network's input shape
     */
    public float[] probabilities(Images images) {
        float[] out = predictWithSession(images);
        if (!isSigmoidBinary()) {
            if (unitsInIdOrder()) {
                return out;
            }
            int k = unitOfId.length;
            float[] byId = new float[out.length];
            for (int e = 0; e < out.length / k; e++) {
                for (int j = 0; j < k; j++) {
                    byId[e * k + j] = out[e * k + unitOfId[j]];
                }
            }
            return byId;
        }
        float[] two = new float[out.length * 2];
        for (int i = 0; i < out.length; i++) {
            two[2 * i] = 1f - out[i];
            two[2 * i + 1] = out[i];
        }
        return two;
    }

    private List<Prediction<Label>> predictAll(List<Example<Label>> examples) {
        int k = outputIDInfo.size();
        List<Prediction<Label>> predictions = new ArrayList<>(examples.size());
        for (int from = 0; from < examples.size(); from += PREDICT_BATCH) {
            List<Example<Label>> batch = examples.subList(from, Math.min(examples.size(), from + PREDICT_BATCH));
            Images images;
            try {
                images = tensors.images(batch);
            } catch (IllegalArgumentException misfit) {
                // Counted over every example given, not this batch alone.
                throw examples.size() == batch.size() ? misfit : tensors.misfits(examples);
            }
            float[] p = probabilities(images);
            for (int e = 0; e < batch.size(); e++) {
                Map<String, Label> scores = new LinkedHashMap<>();
                int best = 0;
                for (int j = 0; j < k; j++) {
                    float s = p[e * k + j];
                    if (s > p[e * k + best]) {
                        best = j;
                    }
                    String name = outputIDInfo.getOutput(j).getLabel();
                    scores.put(name, new Label(name, s));
                }
                String bestName = outputIDInfo.getOutput(best).getLabel();
                predictions.add(new Prediction<>(new Label(bestName, p[e * k + best]), scores, batch.get(e).size(),
                        batch.get(e), true));
            }
        }
        return predictions;
    }

    /** Runs the session, compiling it first if there is none; calls from several threads run side by side. */
    private float[] predictWithSession(Images images) {
        return session.predict(architecture, weights, outputs, images);
    }

    /** Releases the native session once predictions under way have ended; predicting again compiles it anew. */
    @Override
    public void close() {
        session.run();
    }

    /**
     * The model's inference session, compiled on first use. It holds no reference to the model, so the
     * cleaner can run it ({@link #run()} closes the session) once the model is unreachable. Predictions
     * share the session (read lock); compiling and closing it are exclusive (write lock).
     */
    private static final class InferenceSession implements Runnable {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private volatile CompiledNetwork network;

        float[] predict(Architecture architecture, Weights weights, InferenceOutputs outputs, Images images) {
            while (true) {
                lock.readLock().lock();
                try {
                    CompiledNetwork compiled = network;
                    if (compiled != null) {
                        return compiled.predict(images);
                    }
                } finally {
                    lock.readLock().unlock();
                }
                lock.writeLock().lock();
                try {
                    if (network == null) {
                        int cores = Runtime.getRuntime().availableProcessors();
                        network = CompiledNetwork.forInference(architecture, weights, Parallelism.AUTOMATIC, cores,
                                outputs);
                    }
                } finally {
                    lock.writeLock().unlock();
                }
            }
        }

        @Override
        public void run() {
            lock.writeLock().lock();
            try {
                if (network != null) {
                    network.close();
                    network = null;
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected ZooModel copy(String newName, ModelProvenance newProvenance) {
        return new ZooModel(newName, newProvenance, featureIDMap, outputIDInfo, architecture, weights, layout,
                pixelScale, pixelOffset, history, unitOfId, outputs, optimizerState);
    }

    // ------------------------------------------------------------------ ONNX

    /**
     * The model as ONNX: input {@code input}, {@code [batch, H*W*C]} raw pixel values in row-major
     * (h, w, c) order (column {@code i} is the feature named {@code i}, see {@link ImageLayout}),
     * scaled inside the graph; output {@code output}, {@code [batch, labels]} probabilities in
     * output-id order. The provenance is in the metadata as Tribuo's own exports have it.
     */
    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName("tribuo-zoo-" + architecture.name());
        ONNXPlaceholder input = onnx.floatInput(ArchitectureOnnx.INPUT_NAME, layout.size());
        ONNXPlaceholder output = onnx.floatOutput(ArchitectureOnnx.OUTPUT_NAME, outputIDInfo.size());
        writeONNXGraph(input).assignTo(output);
        return ONNXExportable.buildModel(onnx, domain, modelVersion, this).toBuilder()
                .addAllMetadataProps(ArchitectureOnnx.metadata(architecture, pixelScale, pixelOffset, true))
                .build();
    }

    /**
     * The feature mapping that Tribuo's {@code ONNXExternalModel.createOnnxModel} needs for this model's
     * ONNX export: every pixel's feature name (as {@link PixelFeatureNames} writes it, and as the training
     * examples named it) to its column of the {@code input} tensor.
     *
     * <pre>{@code
     * ONNXExternalModel<Label> onnx = ONNXExternalModel.createOnnxModel(new LabelFactory(),
     *         model.onnxFeatureMapping(), model.onnxOutputMapping(), new DenseTransformer(),
     *         new LabelTransformer(), new OrtSession.SessionOptions(), onnxFile, "input");
     * }</pre>
     *
     * @return a new map from feature name to input column, {@code 0 <= column < H*W*C}
     */
    public Map<String, Integer> onnxFeatureMapping() {
        Map<String, Integer> columns = new HashMap<>();
        String[] names = PixelFeatureNames.names(layout);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i], i);
        }
        // Names the training examples spelt another way (another zero padding) map to the same pixel.
        featureIDMap.forEach(info -> columns.putIfAbsent(info.getName(),
                PixelFeatureNames.parse(info.getName(), layout)));
        return columns;
    }

    /**
     * The output mapping that Tribuo's {@code ONNXExternalModel.createOnnxModel} needs for this model's
     * ONNX export: each label to its column of the {@code output} tensor (its output id, the order of
     * {@link #labels()}).
     *
     * @return a new map from label to output column
     */
    public Map<Label, Integer> onnxOutputMapping() {
        Map<Label, Integer> columns = new HashMap<>();
        for (int id = 0; id < outputIDInfo.size(); id++) {
            columns.put(outputIDInfo.getOutput(id), id);
        }
        return columns;
    }

    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        ONNXNode units = ArchitectureOnnx.writeGraph(input.onnxContext(), input, architecture, weights, pixelScale,
                pixelOffset, true);
        if (unitsInIdOrder()) {
            return units;
        }
        // Columns in output-id order, as Tribuo's ONNX consumers expect.
        long[] order = new long[unitOfId.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = unitOfId[j];
        }
        return units.apply(org.tribuo.util.onnx.ONNXOperators.GATHER,
                input.onnxContext().array("unit_of_output_id", order), Map.of("axis", 1));
    }

    // ------------------------------------------------------------------ Java serialization

    /**
     * Java serialization writes the model file's protobuf bytes in place of the object (the
     * serialization-proxy pattern): one format, read back with the checks of {@link #load}.
     *
     * @return the proxy that holds the model file's bytes
     */
    @Serial
    private Object writeReplace() {
        return new SerializedModel(serialize().toByteArray());
    }

    /**
     * A stream that claims to hold a ZooModel itself was not written by {@link #writeReplace}.
     *
     * @param in the stream; not read
     * @throws InvalidObjectException always: a ZooModel comes back only through its proxy
     */
    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a ZooModel is serialized as its model-file bytes (SerializedModel)");
    }

    /**
     * What Java serialization writes for a {@link ZooModel}.
     *
     * @param modelFile the bytes of the model's protobuf model file
     */
    private record SerializedModel(byte[] modelFile) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws InvalidObjectException {
            String source = "the serialized ZooModel";
            IllegalArgumentException problem;
            try {
                return fromProto(ModelProto.parseFrom(modelFile), source);
            } catch (InvalidProtocolBufferException e) {
                problem = unreadable(source, e);
            } catch (IllegalArgumentException e) {
                problem = e;
            }
            InvalidObjectException failure = new InvalidObjectException(problem.getMessage());
            failure.initCause(problem);
            throw failure;
        }
    }

    // ------------------------------------------------------------------ model files

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<Label> carrier = createDataCarrier();
        return ModelProto.newBuilder()
                .setVersion(ZooModelFormat.VERSION)
                .setClassName(ZooModel.class.getName())
                .setSerializedData(ZooModelFormat.pack(carrier.serialize(), architecture, weights, layout, pixelScale,
                        pixelOffset, history, unitOfId, outputs == InferenceOutputs.AS_COMPUTED, optimizerState))
                .build();
    }

    /** Called by Tribuo's {@code Model.deserialize} through reflection. */
    @SuppressWarnings("unchecked")
    private static ZooModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        ZooModelFormat.Contents c = ZooModelFormat.unpack(version, message);
        ModelDataCarrier<?> carrier = c.carrier();
        if (!(carrier.outputDomain().getOutput(0) instanceof Label)) {
            throw new IllegalStateException("a ZooModel file must hold a Label output domain");
        }
        ImmutableOutputInfo<Label> outputs = (ImmutableOutputInfo<Label>) carrier.outputDomain();
        // Checked in ZooModelFormat.unpack: a permutation of the network's units, one per label.
        int[] unitOfId = c.unitOfId().length == 0 ? identity(outputs.size()) : c.unitOfId();
        return new ZooModel(carrier.name(), carrier.provenance(), carrier.featureDomain(), outputs, c.architecture(),
                c.weights(), c.layout(), c.pixelScale(), c.pixelOffset(), c.history(), unitOfId,
                c.outputsAsComputed() ? InferenceOutputs.AS_COMPUTED : InferenceOutputs.PROBABILITIES,
                c.optimizerState());
    }

    /**
     * Loads a model file written by {@link #serializeToFile}, with one clear message for a missing or
     * unreadable file, one larger than {@link ReadLimits#modelFileBytes()}, a corrupt or truncated
     * file, a file of another model type or one of a newer format version.
     *
     * <p>Every file is checked before a model is built from it: its content against the SHA-256
     * written with it (files written before the checksum existed have none and skip this), every
     * weight and the pixel scaling finite, and the image layout, parameters, labels, output mapping and
     * features consistent with the network. A file that fails is refused, naming what is wrong; Tribuo's
     * own {@code Model.deserializeFromFile} runs the same checks.
     *
     * @param file a model file
     * @return the model, ready to predict (its session is compiled when first needed)
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static ZooModel load(Path file) {
        ReadLimits.checkFile(file, "model file", ReadLimits.modelFileBytes(), ReadLimits.MODEL_FILE_BYTES);
        ModelProto proto;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            proto = ModelProto.parseFrom(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + file + " does not exist");
        } catch (java.nio.file.FileSystemException e) {
            // Permission denied and the like: the file may be fine, it cannot be read.
            throw new IllegalArgumentException("model file " + file + " cannot be read: " + ReadLimits.reason(e));
        } catch (IOException | RuntimeException e) {
            throw unreadable("model file " + file, e);
        }
        return fromProto(proto, "model file " + file);
    }

    /**
     * The model a parsed model file holds.
     *
     * @param source names the bytes in messages ({@code model file X})
     * @throws IllegalArgumentException if they are of a newer format version, unreadable or another model type
     */
    private static ZooModel fromProto(ModelProto proto, String source) {
        // Checked before Tribuo's reflective call, whose wrapping would bury the reason.
        if (proto.getClassName().equals(ZooModel.class.getName()) && !ZooModelFormat.readable(proto.getVersion())) {
            throw new IllegalArgumentException(source + " " + ZooModelFormat.unreadableVersion(proto.getVersion()));
        }
        Model<?> m;
        try {
            // Our own files directly, so that a failed check is reported as such rather than under
            // Tribuo's reflective wrapping.
            m = proto.getClassName().equals(ZooModel.class.getName())
                    ? deserializeFromProto(proto.getVersion(), proto.getClassName(), proto.getSerializedData())
                    : Model.deserialize(proto);
        } catch (ZooModelFormat.FailedCheck e) {
            throw new IllegalArgumentException(source + " " + e.reason(), e);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw unreadable(source, e);
        }
        if (!(m instanceof ZooModel z)) {
            throw new IllegalArgumentException(source + " holds a " + m.getClass().getName()
                    + ", not a tribuo-zoo ZooModel");
        }
        return z;
    }

    private static IllegalArgumentException unreadable(String source, Exception e) {
        return new IllegalArgumentException(source + " is not a readable Tribuo model (corrupt, "
                + "truncated or of another format): " + rootMessage(e));
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public String toString() {
        return "ZooModel(" + name + ", " + architecture.name() + ", " + architecture.parameterCount() + " params, labels "
                + labels() + ")";
    }
}
