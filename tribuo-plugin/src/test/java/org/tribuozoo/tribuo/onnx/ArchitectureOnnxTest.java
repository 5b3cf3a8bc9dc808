package org.tribuozoo.tribuo.onnx;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.api.Test;
import org.tribuo.ONNXExportable;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.graph.Weights;
import org.tribuozoo.zoo.ModelZoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported model's structure, metadata, options and errors, and the layout conversions. */
class ArchitectureOnnxTest {

    private static final String DOMAIN = "org.tribuozoo.test";

    @Test
    void hwioKernelBecomesOihw() {
        // kh=1, kw=2, in=2, out=3: HWIO value at (0, w, i, o) is 100*w + 10*i + o.
        float[] hwio = new float[12];
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < 2; i++) {
                for (int o = 0; o < 3; o++) {
                    hwio[(w * 2 + i) * 3 + o] = 100 * w + 10 * i + o;
                }
            }
        }
        float[] oihw = TensorLayouts.hwioToOihw(hwio, 1, 2, 2, 3);
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 2; i++) {
                for (int w = 0; w < 2; w++) {
                    assertEquals(100 * w + 10 * i + o, oihw[(o * 2 + i) * 2 + w], "o=" + o + " i=" + i + " w=" + w);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> TensorLayouts.hwioToOihw(hwio, 2, 2, 2, 3));
    }

    @Test
    void hwcBecomesChw() {
        float[] hwc = {1, 2, 3, 4, 5, 6}; // h=1, w=2, c=3: pixel 0 is (1, 2, 3), pixel 1 is (4, 5, 6)
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, TensorLayouts.hwcToChw(hwc, 1, 2, 3));
    }

    /** The worked convolution of the product definition: 5x5x3 input, two 3x3 filters, padding 1, stride 2. */
    @Test
    void reproducesTheWorkedConvolution() throws Exception {
        int[][][] input = {
                {{2, 2, 1, 2, 1}, {0, 0, 1, 1, 2}, {2, 2, 2, 0, 2}, {2, 0, 1, 1, 0}, {1, 1, 0, 2, 0}},
                {{1, 0, 2, 1, 2}, {1, 2, 0, 2, 2}, {1, 2, 2, 0, 0}, {2, 1, 1, 1, 0}, {1, 0, 2, 1, 2}},
                {{0, 0, 1, 2, 1}, {2, 2, 2, 0, 1}, {0, 0, 0, 1, 1}, {2, 2, 2, 2, 1}, {2, 0, 0, 1, 1}}};
        int[][][][] filters = {
                {{{1, -1, 0}, {1, -1, 0}, {-1, 1, 0}}, {{0, 0, 0}, {-1, 1, 1}, {1, 0, -1}},
                        {{-1, 1, -1}, {1, 1, 1}, {1, 0, -1}}},
                {{{0, 1, 1}, {0, -1, -1}, {1, 1, 0}}, {{1, -1, 0}, {0, 1, 1}, {0, 0, 0}},
                        {{0, 1, 0}, {-1, 0, -1}, {-1, 0, 0}}}};
        int[][][] expected = {{{-4, 11, 9}, {1, 2, 3}, {1, 3, 6}}, {{-3, -3, 2}, {2, 4, -1}, {1, 4, 3}}};

        Architecture conv = Architecture.builder("worked-conv").input(5, 5, 3)
                .add(Conv2D.filters(2).kernel(3).strides(2).padding(Padding.explicit(1)).name("conv"))
                .build();
        float[] hwio = new float[3 * 3 * 3 * 2];
        for (int o = 0; o < 2; o++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        hwio[((y * 3 + x) * 3 + c) * 2 + o] = filters[o][c][y][x];
                    }
                }
            }
        }
        Weights weights = Weights.builder()
                .put("conv/kernel", Shape.of(3, 3, 3, 2), hwio)
                .put("conv/bias", Shape.of(2), new float[] {1, 0})
                .build();
        float[] pixels = new float[5 * 5 * 3];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                for (int c = 0; c < 3; c++) {
                    pixels[(y * 5 + x) * 3 + c] = input[c][y][x];
                }
            }
        }
        float[] out = OnnxRuntimeRunner.run(ArchitectureOnnx.export(conv, weights, 1, 0, true, DOMAIN, 1, Map.of()),
                pixels, 1);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                for (int o = 0; o < 2; o++) {
                    assertEquals(expected[o][y][x], out[(y * 3 + x) * 2 + o], "filter " + o + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void modelDeclaresItsInputOutputOpsetAndMetadata() {
        Architecture lenet = ModelZoo.get("lenet5").architecture();
        OnnxMl.ModelProto model = ArchitectureOnnx.export(lenet, TestNetworks.randomWeights(lenet, 1), 1 / 255.0, 0,
                true, DOMAIN, 3, Map.of(ONNXExportable.PROVENANCE_METADATA_FIELD, "provenance-json"));

        assertEquals(ArchitectureOnnx.IR_VERSION, model.getIrVersion());
        assertEquals(1, model.getOpsetImportCount());
        assertEquals("", model.getOpsetImport(0).getDomain());
        assertEquals(ONNXOperators.getOpsetVersion(), model.getOpsetImport(0).getVersion());
        assertEquals(DOMAIN, model.getDomain());
        assertEquals(3, model.getModelVersion());
        assertEquals("lenet5", model.getGraph().getName());
        assertEquals(List.of(-1L, 784L), dims(model.getGraph().getInput(0)));
        assertEquals(ArchitectureOnnx.INPUT_NAME, model.getGraph().getInput(0).getName());
        assertEquals(List.of(-1L, 10L), dims(model.getGraph().getOutput(0)));
        assertEquals(ArchitectureOnnx.OUTPUT_NAME, model.getGraph().getOutput(0).getName());

        Map<String, String> meta = model.getMetadataPropsList().stream().collect(
                Collectors.toMap(OnnxMl.StringStringEntryProto::getKey, OnnxMl.StringStringEntryProto::getValue));
        assertEquals(lenet, Architecture.fromJson(meta.get(ArchitectureOnnx.ARCHITECTURE_KEY)));
        assertEquals("28x28x1", meta.get(ArchitectureOnnx.INPUT_SHAPE_KEY));
        assertEquals(1 / 255.0, Double.parseDouble(meta.get(ArchitectureOnnx.PIXEL_SCALE_KEY)));
        assertEquals(0.0, Double.parseDouble(meta.get(ArchitectureOnnx.PIXEL_OFFSET_KEY)));
        assertEquals("false", meta.get(ArchitectureOnnx.TWO_CLASSES_KEY));
        assertEquals("provenance-json", meta.get(ONNXExportable.PROVENANCE_METADATA_FIELD));
    }

    @Test
    void convolutionsUseExplicitPadsAndChannelsFirstKernels() {
        Architecture lenet = ModelZoo.get("lenet5").architecture();
        OnnxMl.GraphProto graph = ArchitectureOnnx.export(lenet, TestNetworks.randomWeights(lenet, 1), 1, 0, true,
                DOMAIN, 1, Map.of()).getGraph();
        List<OnnxMl.NodeProto> convs = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).toList();
        assertEquals(3, convs.size());
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
            assertFalse(n.getAttributeList().stream().anyMatch(a -> a.getName().equals("auto_pad")), n.getName());
        }
        // The first is 5x5 "same" over 28x28: two rows/columns on every side.
        assertEquals(List.of(2L, 2L, 2L, 2L), attribute(convs.get(0), "pads").getIntsList());
        OnnxMl.TensorProto kernel = graph.getInitializerList().stream()
                .filter(t -> t.getName().equals(convs.get(1).getInput(1))).findFirst().orElseThrow();
        assertEquals(List.of(16L, 6L, 5L, 5L), kernel.getDimsList(), "OIHW kernel of the second convolution");
        assertTrue(graph.getNodeList().stream().noneMatch(n -> n.getOpType().equals("Dropout")));
    }

    /**
     * Merge layers become Sum, Mean, chained Mul and Concat; a concatenation of NHWC images along the width,
     * height and channels is along NCHW axes 3, 2 and 1, and of flat vectors along axis 1.
     */
    @Test
    void mergeLayersBecomeTheirOperatorsWithChannelsFirstAxes() {
        Architecture merges = TestNetworks.mergeCorners();
        OnnxMl.GraphProto graph = ArchitectureOnnx.export(merges, TestNetworks.randomWeights(merges, 1), 1, 0, true,
                DOMAIN, 1, Map.of()).getGraph();
        Map<String, Long> ops = graph.getNodeList().stream()
                .collect(Collectors.groupingBy(OnnxMl.NodeProto::getOpType, Collectors.counting()));
        assertEquals(1L, ops.get("Sum"));
        assertEquals(1L, ops.get("Mean"));
        assertEquals(2, graph.getNodeList().stream()
                .filter(n -> n.getOpType().equals("Mul") && n.getOutput(0).startsWith("multiply_1_mul")).count(),
                "a product of three inputs is two Mul nodes");
        List<OnnxMl.NodeProto> concats = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Concat"))
                .toList();
        assertEquals(List.of(3L, 2L, 1L, 1L), concats.stream().map(n -> attribute(n, "axis").getI()).toList());
        assertEquals(3, graph.getNodeList().stream().filter(n -> n.getOpType().equals("Sum")).findFirst()
                .orElseThrow().getInputCount(), "one Sum over all three inputs");
    }

    @Test
    void singleSigmoidUnitIsWidenedOnlyWhenAsked() throws Exception {
        Architecture catsDogs = ModelZoo.get("catsdogs-cnn").architecture();
        Weights weights = TestNetworks.randomWeights(catsDogs, 9);
        float[] raw = new TestNetworks.Case(catsDogs, 1 / 255.0, 0, 256, true).rawInputs(4, 3);
        assertEquals(2, ArchitectureOnnx.outputWidth(catsDogs, true));
        assertEquals(1, ArchitectureOnnx.outputWidth(catsDogs, false));

        float[] two = OnnxRuntimeRunner.run(
                ArchitectureOnnx.export(catsDogs, weights, 1 / 255.0, 0, true, DOMAIN, 1, Map.of()), raw, 4);
        float[] one = OnnxRuntimeRunner.run(
                ArchitectureOnnx.export(catsDogs, weights, 1 / 255.0, 0, false, DOMAIN, 1, Map.of()), raw, 4);
        assertEquals(8, two.length);
        assertEquals(4, one.length);
        for (int i = 0; i < 4; i++) {
            assertEquals(one[i], two[2 * i + 1], "positive label's score is the sigmoid");
            assertEquals(1f - one[i], two[2 * i], "negative label's score is 1 - sigmoid");
        }
        // Networks with several outputs are never touched by the flag.
        Architecture lenet = ModelZoo.get("lenet5").architecture();
        assertEquals(10, ArchitectureOnnx.outputWidth(lenet, true));
    }

    /** The Tribuo pattern: the caller owns the context, the input and output placeholders. */
    @Test
    void writesIntoACallersContext() throws Exception {
        Architecture arch = TestNetworks.imageOutput();
        Weights weights = TestNetworks.randomWeights(arch, 4);
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder input = ctx.floatInput(ArchitectureOnnx.INPUT_NAME, ArchitectureOnnx.inputWidth(arch));
        ONNXPlaceholder output = ctx.floatOutput("probabilities", ArchitectureOnnx.outputWidth(arch, true));
        ArchitectureOnnx.writeGraph(ctx, input, arch, weights, 1, 0).assignTo(output);
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(ArchitectureOnnx.IR_VERSION)
                .addOpsetImport(ONNXOperators.getOpsetProto()).setGraph(ctx.buildGraph()).build();

        float[] raw = new TestNetworks.Case(arch, 1, 0, 3, false).rawInputs(2, 8);
        float[] out = OnnxRuntimeRunner.run(model, raw, 2);
        assertEquals(2 * 27, out.length);
        for (int pixel = 0; pixel < 18; pixel++) {
            float sum = out[pixel * 3] + out[pixel * 3 + 1] + out[pixel * 3 + 2];
            assertEquals(1f, sum, 1e-6f, "channel softmax of pixel " + pixel + " in (h, w, c) order");
        }
    }

    @Test
    void missingOrMisshapenWeightsAreClearErrors() {
        Architecture lenet = ModelZoo.get("lenet5").architecture();
        Weights all = TestNetworks.randomWeights(lenet, 1);
        Weights.Builder missing = Weights.builder();
        all.asMap().forEach((k, v) -> {
            if (!k.equals("dense_1/bias")) {
                missing.put(k, v);
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureOnnx.export(lenet, missing.build(), 1, 0, true, DOMAIN, 1, Map.of()));
        assertTrue(e.getMessage().contains("dense_1/bias"), e.getMessage());

        Weights wrong = Weights.builder().putAll(all).put("conv2d_1/kernel", Shape.of(5, 5, 1, 7), new float[175])
                .build();
        e = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureOnnx.export(lenet, wrong, 1, 0, true, DOMAIN, 1, Map.of()));
        assertTrue(e.getMessage().contains("conv2d_1/kernel") && e.getMessage().contains("(5, 5, 1, 6)"),
                e.getMessage());
    }

    @Test
    void badScalingOrForeignInputIsRejected() {
        Architecture arch = TestNetworks.flatInput();
        Weights weights = TestNetworks.randomWeights(arch, 1);
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder input = ctx.floatInput(20);
        assertThrows(IllegalArgumentException.class,
                () -> ArchitectureOnnx.writeGraph(ctx, input, arch, weights, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ArchitectureOnnx.writeGraph(new ONNXContext(), input, arch, weights, 1, 0));
    }

    private static List<Long> dims(OnnxMl.ValueInfoProto value) {
        return value.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimValue() ? d.getDimValue() : -1L).toList();
    }

    private static OnnxMl.AttributeProto attribute(OnnxMl.NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }
}
