package org.tribuozoo.keras;

import java.util.List;
import java.util.Objects;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.graph.Weights;

/**
 * A Keras model as a DSL network: the architecture (Keras's layer names, layers Keras froze frozen),
 * every parameter's values, and the file it came from. Its input takes channels-last data whatever
 * layout the Keras model used; its output is exactly what the last Keras layer outputs.
 *
 * @param architecture the network
 * @param weights      a value for every parameter of the architecture
 * @param source       the Keras file
 * @param notes        what the import left out that changes nothing the network computes (a regularizer,
 *                     which only adds a training penalty), one line each
 */
public record ImportedNetwork(Architecture architecture, Weights weights, KerasFile source, List<String> notes) {

    public ImportedNetwork {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(source, "source");
        notes = List.copyOf(notes);
    }

    /** A network imported without notes. */
    public ImportedNetwork(Architecture architecture, Weights weights, KerasFile source) {
        this(architecture, weights, source, List.of());
    }
}
