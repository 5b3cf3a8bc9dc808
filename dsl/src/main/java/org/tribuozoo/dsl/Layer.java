package org.tribuozoo.dsl;

import java.util.List;

/**
 * One layer of a sequential network: an immutable value with a unique name. Every layer knows the
 * shape it produces from its input shape and the parameters it owns; both reject an input that
 * does not fit with an {@link InvalidArchitectureException} naming the layer.
 */
public sealed interface Layer permits Conv2D, MaxPool2D, AvgPool2D, ZeroPadding2D, Dropout, Flatten, Dense,
        ActivationLayer, Rescaling, PositionBias, SpatialSoftmax {

    /** The unique name within its architecture, for example {@code conv2d_1}. */
    String name();

    /** The Keras-style type shown in summaries, for example {@code Conv2D}. */
    String typeName();

    /** The type name in JSON, also the prefix of generated names, for example {@code conv2d}. */
    String jsonType();

    /** The output shape for the given input shape. */
    Shape outputShape(Shape input);

    /** The parameters this layer owns for the given input shape; none by default. */
    default List<Parameter> parameters(Shape input) {
        return List.of();
    }

    /** A copy of this layer under another name. */
    Layer withName(String name);

    /** Checks a user-given layer name. */
    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidArchitectureException("a layer name must not be empty");
        }
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            throw new InvalidArchitectureException("layer name '" + name
                    + "' may only contain letters, digits, '_', '.' and '-'");
        }
        return name;
    }
}
