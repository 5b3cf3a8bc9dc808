package org.tribuozoo.graph;

/** What a network compiled for inference only ({@link CompiledNetwork#forInference}) predicts. */
public enum InferenceOutputs {
    /**
     * Probabilities: a network that ends linearly is taken to output logits and predicts their
     * softmax (the sigmoid for one output); any other ending predicts its outputs as they are.
     * Right for the networks trained here, whose losses read a linear ending as logits.
     */
    PROBABILITIES,
    /**
     * Exactly what the last layer computes, whatever its activation: a network trained elsewhere
     * (an imported Keras model) predicts what it predicted there, logits for a linear last layer.
     */
    AS_COMPUTED
}
