/**
 * Convolutional networks as immutable values: an {@link org.tribuozoo.dsl.Architecture} is an input
 * shape and a list of {@link org.tribuozoo.dsl.Layer}s (a sealed hierarchy, visited by
 * {@link org.tribuozoo.dsl.Layer.Visitor}), checked when it is built, with shapes, parameter counts, a
 * Keras-style summary and a versioned JSON form. Nothing here knows TensorFlow, Tribuo or ONNX.
 */
package org.tribuozoo.dsl;
