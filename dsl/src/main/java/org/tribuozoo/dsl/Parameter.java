package org.tribuozoo.dsl;

/**
 * One tensor of a layer, in TensorFlow's layout (a convolution kernel is {@code (kh, kw, in, out)}, a
 * dense kernel {@code (in, out)}), named as Keras names it.
 *
 * @param layer       the owning layer's name
 * @param name        Keras's name for it: {@code kernel}, {@code bias}, {@code gamma}, {@code moving_mean}, ...
 * @param shape       the tensor's shape
 * @param initializer how its first values are drawn
 * @param constraint  applied after each update
 * @param trainable   false when the layer is frozen, and always for a statistic the layer keeps itself
 *                    rather than learns (batch normalisation's moving mean and variance), which takes no
 *                    gradient
 */
public record Parameter(String layer, String name, Shape shape, Initializer initializer, Constraint constraint,
                        boolean trainable) {

    /** {@return {@code layer/name}, the key under which weights are stored, for example {@code conv2d_1/kernel}} */
    public String key() {
        return layer + "/" + name;
    }

    /** {@return the number of scalar values in the tensor} */
    public long count() {
        return shape.elementCount();
    }

    Parameter frozen() {
        return new Parameter(layer, name, shape, initializer, constraint, false);
    }
}
