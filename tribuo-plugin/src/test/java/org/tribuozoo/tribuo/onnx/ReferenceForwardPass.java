package org.tribuozoo.tribuo.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.ActivationLayer;
import org.tribuozoo.dsl.Add;
import org.tribuozoo.dsl.Architecture;
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
 * inputs). It shares no code with the exporter or with tf-graph, so that agreement of all three means
 * something.
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
                        int iy = oy * c.strideHeight() + ky - p.top();
                        for (int kx = 0; kx < c.kernelWidth(); kx++) {
                            int ix = ox * c.strideWidth() + kx - p.left();
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
