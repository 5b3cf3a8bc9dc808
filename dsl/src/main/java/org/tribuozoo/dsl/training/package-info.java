/**
 * How a network is trained, as values: losses, optimizers, learning-rate schedules, Keras-style early
 * stopping, and the {@link org.tribuozoo.dsl.training.TrainingRecipe} that bundles them for a zoo entry.
 */
package org.tribuozoo.dsl.training;
