/**
 * A DSL architecture compiled into a TensorFlow Java graph ({@link org.tribuozoo.graph.CompiledNetwork}):
 * the forward pass, losses, optimizer updates and initialisers, the one training loop
 * ({@link org.tribuozoo.graph.TrainingData}, {@link org.tribuozoo.graph.FitOptions},
 * {@link org.tribuozoo.graph.TrainingListener}), the inference path, and the weights as plain arrays.
 */
package org.tribuozoo.graph;
