package org.tribuozoo.tribuo.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Softmax;
import org.tribuozoo.dsl.SeparableConv2D;
import org.tribuozoo.dsl.Reshape;
import org.tribuozoo.dsl.ReLU;
import org.tribuozoo.dsl.GlobalMaxPooling2D;
import org.tribuozoo.dsl.GlobalAveragePooling2D;
import org.tribuozoo.dsl.DepthwiseConv2D;
import org.tribuozoo.dsl.BatchNormalization;
import org.tribuozoo.dsl.Average;
import org.tribuozoo.dsl.AvgPool2D;
import org.tribuozoo.dsl.Concatenate;
import org.tribuozoo.dsl.ConnectedLayer;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Dropout;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.Layer;
import org.tribuozoo.dsl.MaxPool2D;
import org.tribuozoo.dsl.Multiply;
import org.tribuozoo.dsl.Padding;
import org.tribuozoo.dsl.PositionBias;
import org.tribuozoo.dsl.Rescaling;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.SpatialSoftmax;
import org.tribuozoo.dsl.ZeroPadding2D;
import org.tribuozoo.graph.Weights;

/**
 * A deliberately plain inference pass in double precision over one example, written from the Keras /
 * TensorFlow definitions (NHWC images, HWIO kernels, same padding with the extra row/column at the
 * bottom/right, max pooling that ignores padding, average pooling that divides by the number of real
 * inputs, batch normalisation with the moving statistics, Keras's ReLU formula). It shares no code with
 * the exporter or with tf-graph, so that agreement of all three means something.
 */
final class ReferenceForwardPass {

    private ReferenceForwardPass() {
    }

    /** The network's output for one example (already scaled), flattened in (h, w, c) order. */
    static double[] predict(Architecture architecture, Weights weights, float[] example) {
        double[] input = new double[example.length];
        for (int i = 0; i < input.length; i++) {
            input[i] = example[i];
        }
        Map<String, double[]> values = new HashMap<>();
        values.put(architecture.inputName(), input);
        double[] y = input;
        for (int l = 0; l < architecture.layers().size(); l++) {
            ConnectedLayer layer = architecture.connectedLayers().get(l);
            List<double[]> xs = layer.inbound().stream().map(values::get).toList();
            List<Shape> ins = architecture.inputShapesOf(layer.name());
            y = layer.layer().accept(new LayerPass(ins.get(0), architecture.outputShapes().get(l), weights, xs.get(0),
                    ins, xs));
            values.put(layer.name(), y);
        }
        return y; // the output layer is the last
    }

    /**
     * One layer over one example, given its input {@code x} of shape {@code in} and its output shape; a merge
     * layer reads every input, {@code xs} of shapes {@code ins} ({@code x} and {@code in} being the first).
     */
    private record LayerPass(Shape in, Shape out, Weights w, double[] x, List<Shape> ins, List<double[]> xs)
            implements Layer.Visitor<double[]> {

        @Override
        public double[] visit(Conv2D c) {
            return activate(conv(c, in, out, w, x), out, c.activation());
        }

        @Override
        public double[] visit(MaxPool2D p) {
            return pool(x, in, out, p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth(),
                    p.paddingFor(in), true);
        }

        @Override
        public double[] visit(AvgPool2D p) {
            return pool(x, in, out, p.poolHeight(), p.poolWidth(), p.strideHeight(), p.strideWidth(),
                    p.paddingFor(in), false);
        }

        @Override
        public double[] visit(ZeroPadding2D z) {
            return zeroPad(x, in, out, z.top(), z.left());
        }

        @Override
        public double[] visit(Dropout d) {
            return x; // off at inference
        }

        @Override
        public double[] visit(Flatten f) {
            return x; // NHWC row-major is already the flattened order
        }

        @Override
        public double[] visit(Dense d) {
            return activate(dense(d, in, w, x), out, d.activation());
        }

        @Override
        public double[] visit(ActivationLayer a) {
            return activate(x, out, a.activation());
        }

        @Override
        public double[] visit(Rescaling r) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * r.scale() + r.offset();
            }
            return y;
        }

        @Override
        public double[] visit(PositionBias b) {
            float[] bias = w.values(b.name(), "bias");
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] + bias[i];
            }
            return y;
        }

        @Override
        public double[] visit(SpatialSoftmax s) {
            return softmax(x, 0, x.length);
        }

        @Override
        public double[] visit(Add a) {
            double[] y = new double[x.length];
            for (double[] input : xs) {
                for (int i = 0; i < y.length; i++) {
                    y[i] += input[i];
                }
            }
            return y;
        }

        @Override
        public double[] visit(Multiply m) {
            double[] y = x.clone();
            for (double[] input : xs.subList(1, xs.size())) {
                for (int i = 0; i < y.length; i++) {
                    y[i] *= input[i];
                }
            }
            return y;
        }

        @Override
        public double[] visit(Average a) {
            double[] y = visit(new Add(a.name()));
            for (int i = 0; i < y.length; i++) {
                y[i] /= xs.size();
            }
            return y;
        }

        /**
         * Row-major (h, w, c) values joined along one axis: for each index of the axes before it, every
         * input's block of the axes from it on, in order.
         */
        @Override
        public double[] visit(Concatenate c) {
            int axis = c.shapeAxis(in.rank());
            long outer = 1;
            for (int d = 0; d < axis; d++) {
                outer *= in.dim(d);
            }
            double[] y = new double[(int) out.elementCount()];
            int at = 0;
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < xs.size(); k++) {
                    int block = (int) (ins.get(k).elementCount() / outer);
                    System.arraycopy(xs.get(k), o * block, y, at, block);
                    at += block;
                }
            }
            return y;
        }

        @Override
        public double[] visit(BatchNormalization b) {
            int axis = b.axisIndex(in);
            int stride = stride(in, axis);
            int features = in.dim(axis);
            float[] mean = w.values(b.name(), "moving_mean");
            float[] variance = w.values(b.name(), "moving_variance");
            float[] gamma = b.scale() ? w.values(b.name(), "gamma") : null;
            float[] beta = b.center() ? w.values(b.name(), "beta") : null;
            double epsilon = b.epsilonFor(in);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                int f = (i / stride) % features;
                double normalised = (x[i] - mean[f]) / Math.sqrt(variance[f] + epsilon);
                y[i] = (gamma == null ? normalised : gamma[f] * normalised) + (beta == null ? 0 : beta[f]);
            }
            return y;
        }

        @Override
        public double[] visit(GlobalAveragePooling2D p) {
            return globalPool(x, in, false);
        }

        @Override
        public double[] visit(GlobalMaxPooling2D p) {
            return globalPool(x, in, true);
        }

        @Override
        public double[] visit(DepthwiseConv2D c) {
            double[] y = depthwise(w.values(c.name(), "depthwise_kernel"), c.kernelHeight(), c.kernelWidth(),
                    c.strideHeight(), c.strideWidth(), c.paddingFor(in), c.depthMultiplier(), in, out, x);
            return activate(addBias(y, c.useBias() ? w.values(c.name(), "bias") : null), out, c.activation());
        }

        @Override
        public double[] visit(SeparableConv2D c) {
            Shape mid = Shape.of(out.height(), out.width(), c.intermediateChannels(in));
            double[] depthwise = depthwise(w.values(c.name(), "depthwise_kernel"), c.kernelHeight(),
                    c.kernelWidth(), c.strideHeight(), c.strideWidth(), c.paddingFor(in), c.depthMultiplier(), in,
                    mid, x);
            // The pointwise step: a dense layer over each pixel's channels.
            float[] k = w.values(c.name(), "pointwise_kernel");
            int m = mid.channels();
            int f = c.filters();
            double[] y = new double[(int) out.elementCount()];
            for (int pixel = 0; pixel < out.height() * out.width(); pixel++) {
                for (int o = 0; o < f; o++) {
                    double sum = 0;
                    for (int i = 0; i < m; i++) {
                        sum += depthwise[pixel * m + i] * k[i * f + o];
                    }
                    y[pixel * f + o] = sum;
                }
            }
            return activate(addBias(y, c.useBias() ? w.values(c.name(), "bias") : null), out, c.activation());
        }

        @Override
        public double[] visit(ReLU r) {
            // Keras: min(x, max_value) above the threshold, negative_slope * (x - threshold) elsewhere.
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                if (x[i] > r.threshold()) {
                    y[i] = r.maxValue().isPresent() ? Math.min(x[i], r.maxValue().getAsDouble()) : x[i];
                } else {
                    y[i] = r.negativeSlope() * (x[i] - r.threshold());
                }
            }
            return y;
        }

        @Override
        public double[] visit(Softmax s) {
            int axis = s.axisIndex(in);
            int stride = stride(in, axis);
            int length = in.dim(axis);
            double[] y = new double[x.length];
            for (int start = 0; start < x.length; start++) {
                if ((start / stride) % length != 0) {
                    continue; // not the first of its group along the axis
                }
                double[] group = new double[length];
                for (int k = 0; k < length; k++) {
                    group[k] = x[start + k * stride];
                }
                double[] p = softmax(group, 0, length);
                for (int k = 0; k < length; k++) {
                    y[start + k * stride] = p[k];
                }
            }
            return y;
        }

        @Override
        public double[] visit(Reshape r) {
            return x; // the same values in the same row-major order
        }
    }

    /** The distance in a row-major array between neighbours along an axis of a shape. */
    private static int stride(Shape shape, int axis) {
        int stride = 1;
        for (int a = axis + 1; a < shape.rank(); a++) {
            stride *= shape.dim(a);
        }
        return stride;
    }

    private static double[] addBias(double[] y, float[] bias) {
        if (bias != null) {
            for (int i = 0; i < y.length; i++) {
                y[i] += bias[i % bias.length];
            }
        }
        return y;
    }

    private static double[] globalPool(double[] x, Shape in, boolean max) {
        int c = in.channels();
        double[] y = new double[c];
        java.util.Arrays.fill(y, max ? Double.NEGATIVE_INFINITY : 0);
        for (int i = 0; i < x.length; i++) {
            y[i % c] = max ? Math.max(y[i % c], x[i]) : y[i % c] + x[i] / (x.length / c);
        }
        return y;
    }

    /** Each input channel convolved with its own {@code multiplier} kernels; output channel {@code i * multiplier + m}. */
    private static double[] depthwise(float[] k, int kh, int kw, int sh, int sw, Padding.Explicit p, int multiplier,
                                      Shape in, Shape out, double[] x) {
        int ci = in.channels();
        double[] y = new double[(int) out.elementCount()];
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                for (int i = 0; i < ci; i++) {
                    for (int m = 0; m < multiplier; m++) {
                        double sum = 0;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = oy * sh + ky - p.top();
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = ox * sw + kx - p.left();
                                if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) {
                                    continue; // zero padding
                                }
                                sum += x[(iy * in.width() + ix) * ci + i] * k[((ky * kw + kx) * ci + i) * multiplier + m];
                            }
                        }
                        y[(oy * out.width() + ox) * ci * multiplier + i * multiplier + m] = sum;
                    }
                }
            }
        }
        return y;
    }

    private static double[] conv(Conv2D c, Shape in, Shape out, Weights w, double[] x) {
        float[] k = w.values(c.name(), "kernel");
        float[] bias = c.useBias() ? w.values(c.name(), "bias") : null;
        Padding.Explicit p = c.paddingFor(in);
        int ci = in.channels();
        int co = c.filters();
        double[] y = new double[(int) out.elementCount()];
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                for (int o = 0; o < co; o++) {
                    double sum = bias == null ? 0 : bias[o];
                    for (int ky = 0; ky < c.kernelHeight(); ky++) {
                        int iy = oy * c.strideHeight() + ky * c.dilationHeight() - p.top();
                        for (int kx = 0; kx < c.kernelWidth(); kx++) {
                            int ix = ox * c.strideWidth() + kx * c.dilationWidth() - p.left();
                            if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) {
                                continue; // zero padding
                            }
                            for (int i = 0; i < ci; i++) {
                                sum += x[(iy * in.width() + ix) * ci + i]
                                        * k[((ky * c.kernelWidth() + kx) * ci + i) * co + o];
                            }
                        }
                    }
                    y[(oy * out.width() + ox) * co + o] = sum;
                }
            }
        }
        return y;
    }

    private static double[] dense(Dense d, Shape in, Weights w, double[] x) {
        float[] k = w.values(d.name(), "kernel");
        float[] bias = d.useBias() ? w.values(d.name(), "bias") : null;
        int n = in.dim(0);
        double[] y = new double[d.units()];
        for (int j = 0; j < d.units(); j++) {
            double sum = bias == null ? 0 : bias[j];
            for (int i = 0; i < n; i++) {
                sum += x[i] * k[i * d.units() + j];
            }
            y[j] = sum;
        }
        return y;
    }

    private static double[] pool(double[] x, Shape in, Shape out, int ph, int pw, int sh, int sw, Padding.Explicit p,
                                 boolean max) {
        int c = in.channels();
        double[] y = new double[(int) out.elementCount()];
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                for (int ch = 0; ch < c; ch++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int count = 0;
                    for (int ky = 0; ky < ph; ky++) {
                        int iy = oy * sh + ky - p.top();
                        for (int kx = 0; kx < pw; kx++) {
                            int ix = ox * sw + kx - p.left();
                            if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) {
                                continue; // padding takes no part in either pooling
                            }
                            double v = x[(iy * in.width() + ix) * c + ch];
                            acc = max ? Math.max(acc, v) : acc + v;
                            count++;
                        }
                    }
                    y[(oy * out.width() + ox) * c + ch] = max ? acc : acc / count;
                }
            }
        }
        return y;
    }

    private static double[] zeroPad(double[] x, Shape in, Shape out, int top, int left) {
        int c = in.channels();
        double[] y = new double[(int) out.elementCount()];
        for (int iy = 0; iy < in.height(); iy++) {
            for (int ix = 0; ix < in.width(); ix++) {
                System.arraycopy(x, (iy * in.width() + ix) * c, y, ((iy + top) * out.width() + ix + left) * c, c);
            }
        }
        return y;
    }

    private static double[] activate(double[] x, Shape shape, Activation activation) {
        double[] y = new double[x.length];
        switch (activation) {
            case LINEAR -> System.arraycopy(x, 0, y, 0, x.length);
            case RELU -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = Math.max(0, x[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = 1 / (1 + Math.exp(-x[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = Math.tanh(x[i]);
                }
            }
            case SOFTMAX -> {
                // Over the last axis: the whole vector, or each pixel's channels.
                int group = shape.dim(shape.rank() - 1);
                for (int start = 0; start < x.length; start += group) {
                    System.arraycopy(softmax(x, start, group), 0, y, start, group);
                }
            }
        }
        return y;
    }

    private static double[] softmax(double[] x, int start, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = start; i < start + length; i++) {
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            y[i] = Math.exp(x[start + i] - max);
            sum += y[i];
        }
        for (int i = 0; i < length; i++) {
            y[i] /= sum;
        }
        return y;
    }
}
