package org.tribuozoo.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tribuozoo.dsl.training.Loss;
import org.tribuozoo.graph.ForwardPass.Ending;

/**
 * The five losses as graph expressions, per example (mean over a batch is taken by the caller), in
 * numerically stable forms.
 *
 * <p>Where the network ends in a softmax or a sigmoid, cross-entropy and focal losses start from the
 * logits (log-softmax, or {@code max(z,0) - z y + log(1 + e^-|z|)}), so that a confident wrong
 * prediction gives a large finite loss and a usable gradient instead of {@code log(0)}. A network that
 * ends linearly is taken to output logits for these losses (as TensorFlow's low-level
 * {@code softmax_cross_entropy_with_logits} recipes do); its predictions are then the softmax or
 * sigmoid of the output. Otherwise the output is used as probabilities, clipped to
 * {@code [1e-7, 1 - 1e-7]} as Keras does.
 */
final class LossFunctions {

    /** Keras's fuzz factor for clipping probabilities. */
    static final float EPSILON = 1e-7f;

    private LossFunctions() {
    }

    /**
     * The per-example loss, shape {@code (batch)}.
     *
     * @param targets one row per example, as wide as the output (one-hot rows for the categorical losses)
     * @param units   the output width
     */
    static Operand<TFloat32> perExample(Ops tf, Loss loss, ForwardPass.Result net, Operand<TFloat32> targets,
                                        int units) {
        Ops s = tf.withSubScope("loss");
        if (loss instanceof Loss.MeanSquaredError) {
            return meanLastAxis(s, s.math.square(s.math.sub(net.output(), targets)));
        }
        if (loss instanceof Loss.CategoricalCrossEntropy || loss instanceof Loss.SparseCategoricalCrossEntropy) {
            if (fromSoftmaxLogits(net)) {
                // Fused and stable: log-sum-exp inside, gradient softmax - targets.
                return s.nn.softmaxCrossEntropyWithLogits(net.logits(), targets).loss();
            }
            Operand<TFloat32> p = s.math.div(net.output(), s.sum(net.output(), s.constant(-1),
                    org.tensorflow.op.core.Sum.keepDims(true)));
            return s.math.neg(s.sum(s.math.mul(targets, s.math.log(clip(s, p))), s.constant(-1)));
        }
        if (loss instanceof Loss.BinaryCrossEntropy) {
            return meanLastAxis(s, binaryCrossEntropy(s, net, targets));
        }
        if (loss instanceof Loss.Focal f) {
            return units == 1 ? binaryFocal(s, net, targets, f) : categoricalFocal(s, net, targets, f);
        }
        throw new IllegalArgumentException("unsupported loss " + loss);
    }

    /** What {@code predict} returns: probabilities where the loss reads the output as logits. */
    static Operand<TFloat32> predictions(Ops tf, Loss loss, ForwardPass.Result net, int units) {
        if (net.ending() != Ending.LINEAR || loss instanceof Loss.MeanSquaredError) {
            return net.output();
        }
        boolean sigmoid = loss instanceof Loss.BinaryCrossEntropy || (loss instanceof Loss.Focal && units == 1);
        return sigmoid ? tf.math.sigmoid(net.logits()) : tf.nn.softmax(net.logits());
    }

    /**
     * What a training step counts right answers on: a classifier's logits where its predictions are
     * their softmax or sigmoid (the same arg-max, and the softmax is then left out of the step); the
     * predictions otherwise.
     */
    static Operand<TFloat32> ranked(Ops tf, Loss loss, ForwardPass.Result net, int units) {
        // A softmax or sigmoid keeps the order of the logits; a softmax's outputs cannot tie where they differ.
        boolean fromLogits = units > 1 && (net.ending() == Ending.SOFTMAX || net.ending() == Ending.LINEAR)
                && net.logits().shape().equals(net.output().shape());
        return fromLogits ? net.logits() : predictions(tf, loss, net, units);
    }

    /**
     * The outputs as probabilities, whatever the network was trained with: a network that ends linearly
     * gives logits, turned into probabilities by a softmax (a sigmoid for one output); any other ending
     * is taken as it is.
     */
    static Operand<TFloat32> probabilities(Ops tf, ForwardPass.Result net, int units) {
        if (net.ending() != Ending.LINEAR) {
            return net.output();
        }
        return units == 1 ? tf.math.sigmoid(net.logits()) : tf.nn.softmax(net.logits());
    }

    private static boolean fromSoftmaxLogits(ForwardPass.Result net) {
        return net.ending() == Ending.SOFTMAX || net.ending() == Ending.LINEAR;
    }

    private static boolean fromSigmoidLogits(ForwardPass.Result net) {
        return net.ending() == Ending.SIGMOID || net.ending() == Ending.LINEAR;
    }

    /** Element-wise binary cross-entropy. */
    private static Operand<TFloat32> binaryCrossEntropy(Ops s, ForwardPass.Result net, Operand<TFloat32> y) {
        if (fromSigmoidLogits(net)) {
            Operand<TFloat32> z = net.logits();
            // max(z, 0) - z y + log(1 + exp(-|z|)): never exponentiates a positive number.
            return s.math.add(s.math.sub(s.nn.relu(z), s.math.mul(z, y)),
                    s.math.log1p(s.math.exp(s.math.neg(s.math.abs(z)))));
        }
        Operand<TFloat32> p = clip(s, net.output());
        Operand<TFloat32> one = s.constant(1f);
        return s.math.neg(s.math.add(s.math.mul(y, s.math.log(p)),
                s.math.mul(s.math.sub(one, y), s.math.log(s.math.sub(one, p)))));
    }

    /** {@code -sum_k alpha y_k (1 - p_k)^gamma log p_k}, as Keras's categorical focal cross-entropy. */
    private static Operand<TFloat32> categoricalFocal(Ops s, ForwardPass.Result net, Operand<TFloat32> y,
                                                      Loss.Focal f) {
        Operand<TFloat32> logP;
        Operand<TFloat32> p;
        if (fromSoftmaxLogits(net)) {
            logP = s.nn.logSoftmax(net.logits());
            p = s.math.exp(logP);
        } else {
            p = clip(s, net.output());
            logP = s.math.log(p);
        }
        Operand<TFloat32> weight = s.math.mul(modulation(s, p, f.gamma()), s.constant((float) f.alpha()));
        return s.math.neg(s.sum(s.math.mul(s.math.mul(weight, y), logP), s.constant(-1)));
    }

    /**
     * Binary focal loss {@code -alpha_t (1 - p_t)^gamma log p_t} with {@code p_t = p} for a positive
     * target and {@code 1 - p} for a negative one, {@code alpha_t = alpha} or {@code 1 - alpha} likewise.
     */
    private static Operand<TFloat32> binaryFocal(Ops s, ForwardPass.Result net, Operand<TFloat32> y, Loss.Focal f) {
        // -log p_t is exactly the element-wise binary cross-entropy for 0/1 targets.
        Operand<TFloat32> minusLogPt = binaryCrossEntropy(s, net, y);
        Operand<TFloat32> pt = s.math.exp(s.math.neg(minusLogPt));
        Operand<TFloat32> one = s.constant(1f);
        Operand<TFloat32> alpha = s.constant((float) f.alpha());
        Operand<TFloat32> alphaT = s.math.add(s.math.mul(y, alpha), s.math.mul(s.math.sub(one, y), s.math.sub(one, alpha)));
        Operand<TFloat32> weight = s.math.mul(alphaT, modulation(s, pt, f.gamma()));
        return meanLastAxis(s, s.math.mul(weight, minusLogPt));
    }

    /** {@code (1 - p)^gamma}; exactly 1 for gamma 0, where pow's gradient at p = 1 would be undefined. */
    private static Operand<TFloat32> modulation(Ops s, Operand<TFloat32> p, double gamma) {
        Operand<TFloat32> q = s.math.sub(s.constant(1f), p);
        if (gamma == 0) {
            return s.onesLike(q);
        }
        if (gamma == 1) {
            return q;
        }
        if (gamma == 2) {
            return s.math.square(q);
        }
        return s.math.pow(q, s.constant((float) gamma));
    }

    private static Operand<TFloat32> clip(Ops s, Operand<TFloat32> p) {
        return s.clipByValue(p, s.constant(EPSILON), s.constant(1f - EPSILON));
    }

    private static Operand<TFloat32> meanLastAxis(Ops s, Operand<TFloat32> x) {
        return s.math.mean(x, s.constant(-1));
    }
}
