/**
 * Keras model and weight files (Keras 2 / tf.keras HDF5, Keras 3 {@code .keras} archives) read into DSL
 * architectures, weights and Tribuo models ({@link org.tribuozoo.keras.KerasImport},
 * {@link org.tribuozoo.keras.KerasImporter}); what is not translated is refused naming the layer.
 */
package org.tribuozoo.keras;
