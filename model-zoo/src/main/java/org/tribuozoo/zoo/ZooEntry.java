package org.tribuozoo.zoo;

import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.InvalidArchitectureException;
import org.tribuozoo.dsl.Shape;
import org.tribuozoo.dsl.training.TrainingRecipe;

import java.util.Objects;
import java.util.Optional;

/**
 * One named network of the zoo: its architecture (for its reference input and class count, or
 * others where it allows), its reference training recipe and its reference result.
 *
 * @param name           the lookup name, for example {@code lenet5}
 * @param description    one line
 * @param input          the reference input shape
 * @param classes        the reference number of classes
 * @param factory        builds the network
 * @param recipe         the reference training recipe
 * @param reference      the reference result, where one is known
 */
public record ZooEntry(String name, String description, Shape input, int classes, ArchitectureFactory factory,
                       TrainingRecipe recipe, Optional<ReferenceResult> reference) {

    /**
     * Checks the entry.
     *
     * @param name           the lookup name: lower-case letters, digits, {@code .}, {@code _} and
     *                       {@code -}, starting with a letter or digit
     * @param description    one line
     * @param input          the reference input shape
     * @param classes        the reference number of classes, positive
     * @param factory        builds the network
     * @param recipe         the reference training recipe
     * @param reference      the reference result, or empty where none is known
     * @throws NullPointerException     if a value other than {@code classes} is null
     * @throws IllegalArgumentException if the name has another character or the class count is not positive
     */
    public ZooEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(reference, "reference");
        if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("zoo names are lower-case letters, digits, '.', '_' and '-': '" + name + "'");
        }
        if (classes <= 0) {
            throw new IllegalArgumentException("zoo entry '" + name + "' needs a positive class count");
        }
    }

    /**
     * The network for its reference input and class count.
     *
     * @return a new architecture named after the entry
     */
    public Architecture architecture() {
        return architecture(input, classes);
    }

    /**
     * The network for another input shape or class count, with shapes and parameter counts
     * recomputed; a clear error where the architecture cannot take them.
     *
     * @param inputShape the shape of one input example, not null
     * @param classCount the number of classes, positive
     * @return a new architecture named after the entry
     * @throws IllegalArgumentException     if the class count is not positive
     * @throws InvalidArchitectureException if the network cannot take that input or class count, naming
     *                                      the entry, the input and the layer that does not fit
     */
    public Architecture architecture(Shape inputShape, int classCount) {
        Objects.requireNonNull(inputShape, "inputShape");
        if (classCount <= 0) {
            throw new IllegalArgumentException("zoo model '" + name + "': the number of classes must be positive, got "
                    + classCount);
        }
        try {
            return factory.build(name, inputShape, classCount);
        } catch (InvalidArchitectureException e) {
            throw new InvalidArchitectureException("zoo model '" + name + "' cannot take input " + inputShape.compact()
                    + " with " + classCount + " classes: " + e.getMessage());
        }
    }

    /** {@return the reference architecture's parameter count, trainable and non-trainable together} */
    public long parameterCount() {
        return architecture().parameterCount();
    }
}
