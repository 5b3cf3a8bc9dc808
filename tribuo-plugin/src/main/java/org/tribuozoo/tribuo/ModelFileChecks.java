package org.tribuozoo.tribuo;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.VariableInfo;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Parameter;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.tribuo.data.ImageLayout;
import org.tribuozoo.tribuo.data.PixelFeatureNames;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The consistency a model file's content must have before a model is built from it: finite pixel
 * scaling, an image layout that is the network's input, exactly the network's parameters with their
 * shapes, an output domain whose ids are 0..k-1 and fit the network's units, an output mapping that
 * gives each id its own unit, and a feature domain of pixel names of the image. Anything else was
 * altered or damaged (in a file without a checksum, or with one recomputed), and would otherwise load
 * and give wrong answers, or fail only when predicting.
 */
final class ModelFileChecks {

    private ModelFileChecks() {
    }

    /**
     * @throws ZooModelFormat.FailedCheck naming the first inconsistency
     */
    static void check(ZooModelFormat.Contents c) {
        if (!Double.isFinite(c.pixelScale()) || !Double.isFinite(c.pixelOffset())) {
            fail("has a non-finite pixel scaling (scale " + c.pixelScale() + ", offset " + c.pixelOffset() + ")");
        }
        Architecture a = c.architecture();
        checkLayout(a, c.layout());
        checkWeights(a, c);
        int labels = checkOutputDomain(c.carrier().outputDomain());
        checkUnits(a, labels, c.unitOfId());
        checkFeatures(c.carrier().featureDomain(), c.layout());
    }

    private static void checkLayout(Architecture a, ImageLayout layout) {
        Shape in = a.inputShape();
        boolean fits = in.isImage() ? layout.shape().equals(in) : layout.size() == in.elementCount();
        if (!fits) {
            fail("holds images of " + layout + " but its network '" + a.name() + "' takes input of shape " + in);
        }
    }

    private static void checkWeights(Architecture a, ZooModelFormat.Contents c) {
        Set<String> keys = new HashSet<>(c.weights().keys());
        for (Parameter p : a.parameters()) {
            keys.remove(p.key());
            Shape held = c.weights().tensor(p.key()).shape();
            if (!held.equals(p.shape())) {
                fail("holds weights " + p.key() + " of shape " + held + " but its network's parameter has shape "
                        + p.shape());
            }
        }
        if (!keys.isEmpty()) {
            fail("holds weights " + keys.stream().sorted().toList() + " that its network '" + a.name()
                    + "' does not have");
        }
    }

    /** @return the number of labels, once their ids are checked to be 0..k-1 */
    private static int checkOutputDomain(ImmutableOutputInfo<? extends Output<?>> outputs) {
        int k = outputs.size();
        if (k < 1) {
            fail("has no labels");
        }
        for (int id = 0; id < k; id++) {
            if (outputs.getOutput(id) == null) {
                fail("has " + k + " labels but none with id " + id + ": its output domain is inconsistent");
            }
        }
        return k;
    }

    private static void checkUnits(Architecture a, int labels, int[] unitOfId) {
        long units = a.outputShape().elementCount();
        if (unitOfId.length == 0) {
            // Unit i scores id i; or one sigmoid unit scores the second of two labels.
            if (units != labels && !(units == 1 && labels == 2)) {
                fail("has " + labels + " labels but its network '" + a.name() + "' has " + units + " output units");
            }
            return;
        }
        if (unitOfId.length != labels || units != labels) {
            fail("maps " + unitOfId.length + " output ids to units, has " + labels + " labels, and its network '"
                    + a.name() + "' has " + units + " output units");
        }
        boolean[] taken = new boolean[labels];
        for (int id = 0; id < labels; id++) {
            int unit = unitOfId[id];
            if (unit < 0 || unit >= units) {
                fail("maps output id " + id + " to unit " + unit + ", but its network has units 0.." + (units - 1));
            }
            if (taken[unit]) {
                fail("maps two output ids to unit " + unit + ": " + Arrays.toString(unitOfId));
            }
            taken[unit] = true;
        }
    }

    private static void checkFeatures(ImmutableFeatureMap features, ImageLayout layout) {
        if (features.size() > layout.size()) {
            fail("has " + features.size() + " features but its " + layout + " images have " + layout.size()
                    + " pixel values");
        }
        for (VariableInfo f : features) {
            try {
                PixelFeatureNames.parse(f.getName(), layout);
            } catch (IllegalArgumentException e) {
                fail("has feature '" + f.getName() + "', which is not a pixel of its " + layout + " images");
            }
        }
    }

    private static void fail(String reason) {
        throw new ZooModelFormat.FailedCheck(reason);
    }
}
