package org.tribuozoo.dsl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The largest network an {@link Architecture} may describe, checked when it is built, so that an
 * absurd network (a typo in a size, a huge input image, a hostile JSON document) is refused at once
 * with the layer named, instead of failing minutes later with an out-of-memory error or an integer
 * overflow.
 * <p>
 * Two limits, each a system property read whenever a network is built (so a program may set it
 * before building):
 * <ul>
 *   <li>{@value #TENSOR_ELEMENTS_PROPERTY} (default {@value #DEFAULT_TENSOR_ELEMENTS}, 2<sup>31</sup> - 1):
 *   the values of one tensor: the input of one example, the output of any layer for one example, and
 *   any one parameter tensor (a kernel, a bias). Weights and activations are held in Java
 *   {@code float[]} arrays and int-indexed tensors, which hold no more.</li>
 *   <li>{@value #PARAMETERS_PROPERTY} (default {@value #DEFAULT_PARAMETERS}): the parameters of the
 *   whole network. A model file holds at most 2 GiB (a protobuf message), about 500 million
 *   parameters; a smaller limit protects a machine from a network it cannot train.</li>
 * </ul>
 */
public final class NetworkLimits {

    /** System property: the most values one tensor (an example's input or activation, a parameter) may hold. */
    public static final String TENSOR_ELEMENTS_PROPERTY = "tribuozoo.limits.tensorElements";
    /** System property: the most parameters a network may have. */
    public static final String PARAMETERS_PROPERTY = "tribuozoo.limits.parameters";
    /** Default of {@value #TENSOR_ELEMENTS_PROPERTY}: what a Java array holds. */
    public static final long DEFAULT_TENSOR_ELEMENTS = Integer.MAX_VALUE;
    /** Default of {@value #PARAMETERS_PROPERTY}. */
    public static final long DEFAULT_PARAMETERS = Integer.MAX_VALUE;

    private NetworkLimits() {
    }

    /** @return the most values one tensor may hold, from {@value #TENSOR_ELEMENTS_PROPERTY} */
    public static long maxTensorElements() {
        return Long.getLong(TENSOR_ELEMENTS_PROPERTY, DEFAULT_TENSOR_ELEMENTS);
    }

    /** @return the most parameters a network may have, from {@value #PARAMETERS_PROPERTY} */
    public static long maxParameters() {
        return Long.getLong(PARAMETERS_PROPERTY, DEFAULT_PARAMETERS);
    }

    /** Refuses an input shape larger than one tensor may be. */
    static void checkInput(String architecture, Shape input) {
        long max = maxTensorElements();
        if (input.elementCount() > max) {
            throw new InvalidArchitectureException("architecture '" + architecture + "': the input " + input
                    + " holds " + count(input.elementCount()) + " values per example, " + more(max, TENSOR_ELEMENTS_PROPERTY));
        }
    }

    /** Refuses a layer whose output for one example, or one of whose parameter tensors, is larger than one tensor may be. */
    static void checkLayer(String architecture, Layer layer, Shape output, List<Parameter> parameters) {
        long max = maxTensorElements();
        for (Parameter p : parameters) {
            if (p.count() > max) {
                throw new InvalidArchitectureException("architecture '" + architecture + "': layer '" + layer.name()
                        + "' (" + layer.typeName() + ") has a " + p.name() + " of " + count(p.count()) + " values "
                        + p.shape() + ", " + more(max, TENSOR_ELEMENTS_PROPERTY));
            }
        }
        if (output.elementCount() > max) {
            throw new InvalidArchitectureException("architecture '" + architecture + "': layer '" + layer.name()
                    + "' (" + layer.typeName() + ") outputs " + count(output.elementCount()) + " values " + output
                    + " per example, " + more(max, TENSOR_ELEMENTS_PROPERTY));
        }
    }

    /** Refuses a network with more parameters than allowed, naming its largest layer. */
    static void checkTotal(String architecture, List<Parameter> parameters) {
        long max = maxParameters();
        long total = 0;
        for (Parameter p : parameters) {
            total = saturatedAdd(total, p.count());
        }
        if (total <= max) {
            return;
        }
        String largest = null;
        long largestCount = -1;
        Map<String, Long> perLayer = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            long n = perLayer.merge(p.layer(), p.count(), NetworkLimits::saturatedAdd);
            if (n > largestCount) {
                largest = p.layer();
                largestCount = n;
            }
        }
        throw new InvalidArchitectureException("architecture '" + architecture + "' has " + count(total)
                + " parameters, " + more(max, PARAMETERS_PROPERTY) + "; its largest layer is '" + largest + "' with "
                + count(largestCount));
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private static String more(long max, String property) {
        return "more than the limit of " + count(max) + " (system property " + property + ")";
    }

    private static String count(long n) {
        return n == Long.MAX_VALUE ? "more than " + String.format(Locale.ROOT, "%,d", n)
                : String.format(Locale.ROOT, "%,d", n);
    }
}
