package org.tribuozoo.graph;

/**
 * Loss and accuracy of a network on some data, with the inference path (no dropout).
 *
 * @param loss     mean loss per example
 * @param accuracy fraction predicted right: the arg-max matches the target's, or for a single output
 *                 both sides of 0.5 agree
 * @param count    number of examples
 */
public record Evaluation(double loss, double accuracy, int count) {
}
