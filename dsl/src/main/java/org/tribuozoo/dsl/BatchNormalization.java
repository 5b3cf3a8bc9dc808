package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keras's batch normalisation over one axis (the channels of an image by default): each value is
 * normalised with the mean and variance of its feature, then scaled by {@code gamma} and shifted by
 * {@code beta}: {@code gamma * (x - mean) / sqrt(variance + epsilon) + beta}.
 *
 * <p>While training, mean and variance are the batch's own (over every axis but {@code axis}), and
 * after each step the moving statistics move towards them:
 * {@code moving = moving * momentum + batch * (1 - momentum)}. At inference, and while the layer is
 * frozen (as in Keras, where a batch normalisation layer with {@code trainable = False} runs in
 * inference mode), the moving statistics are used and left alone.
 *
 * <p>Parameters, in Keras's order and with its names: {@code gamma} (when {@link #scale()}),
 * {@code beta} (when {@link #center()}), then {@code moving_mean} and {@code moving_variance}, which
 * are never trainable: they take no gradient, and the summary counts them as non-trainable.
 *
 * <p>{@code axis} counts as Keras does, the batch being axis 0: {@code -1} (the default) is the last
 * axis, the channels of an image or the units of a flat vector. Start with {@link #create()}.
 *
 * @param name                      the layer's unique name
 * @param axis                      the normalised axis, Keras-style
 * @param momentum                  how much of the moving statistics survives each step, in [0, 1]
 * @param epsilon                   added to the variance, positive
 * @param center                    whether there is a {@code beta}
 * @param scale                     whether there is a {@code gamma}
 * @param betaInitializer           how {@code beta} starts (zeros)
 * @param gammaInitializer          how {@code gamma} starts (ones)
 * @param movingMeanInitializer     how {@code moving_mean} starts (zeros)
 * @param movingVarianceInitializer how {@code moving_variance} starts (ones)
 */
public record BatchNormalization(String name, int axis, double momentum, double epsilon, boolean center,
                                 boolean scale, Initializer betaInitializer, Initializer gammaInitializer,
                                 Initializer movingMeanInitializer, Initializer movingVarianceInitializer)
        implements Layer {

    /** Keras's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.99;
    /** Keras's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-3;
    /**
     * The smallest epsilon TensorFlow's fused kernel takes: Keras's fused path (an image normalised over
     * its channels) raises a smaller epsilon to this.
     */
    public static final double FUSED_MIN_EPSILON = 1.001e-5;

    /**
     * Checks the settings.
     *
     * @param name                      the layer's unique name
     * @param axis                      the normalised axis, Keras-style
     * @param momentum                  how much of the moving statistics survives each step, in [0, 1]
     * @param epsilon                   added to the variance, positive
     * @param center                    whether there is a {@code beta}
     * @param scale                     whether there is a {@code gamma}
     * @param betaInitializer           how {@code beta} starts (zeros)
     * @param gammaInitializer          how {@code gamma} starts (ones)
     * @param movingMeanInitializer     how {@code moving_mean} starts (zeros)
     * @param movingVarianceInitializer how {@code moving_variance} starts (ones)
     * @throws InvalidArchitectureException if the name is not valid, the axis is 0 (the batch), the momentum
     *                                     is outside [0, 1] or epsilon is not positive and finite
     * @throws NullPointerException         if an initialiser is null
     */
    public BatchNormalization {
        Layer.checkName(name);
        if (axis == 0) {
            throw new InvalidArchitectureException("layer '" + name + "' (BatchNormalization): axis 0 is the batch; "
                    + "normalise over another axis (-1, the channels, by default)");
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new InvalidArchitectureException("layer '" + name + "' (BatchNormalization): momentum must be in "
                    + "[0, 1], got " + momentum);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new InvalidArchitectureException("layer '" + name + "' (BatchNormalization): epsilon must be "
                    + "positive and finite, got " + epsilon);
        }
        Objects.requireNonNull(betaInitializer, "betaInitializer");
        Objects.requireNonNull(gammaInitializer, "gammaInitializer");
        Objects.requireNonNull(movingMeanInitializer, "movingMeanInitializer");
        Objects.requireNonNull(movingVarianceInitializer, "movingVarianceInitializer");
    }

    /**
     * Starts a batch normalisation with Keras's defaults: axis -1, momentum 0.99, epsilon 1e-3, center, scale.
     *
     * @return a builder for the settings
     */
    public static Builder create() {
        return new Builder();
    }

    @Override
    public String jsonType() {
        return "batch_normalization";
    }

    @Override
    public String typeName() {
        return "BatchNormalization";
    }

    /**
     * The index into the input shape's dimensions of the normalised axis.
     *
     * @param input the shape the layer reads, without the batch dimension
     * @return the index, from 0 to {@code input.rank() - 1}
     * @throws InvalidArchitectureException if {@link #axis()} is not an axis of that input
     */
    public int axisIndex(Shape input) {
        return Layers.axisIndex(this, axis, input);
    }

    /**
     * The number of features normalised: the size of the normalised axis.
     *
     * @param input the shape the layer reads
     * @return the length of each parameter vector ({@code gamma}, {@code beta} and the moving statistics)
     * @throws InvalidArchitectureException if {@link #axis()} is not an axis of that input
     */
    public int features(Shape input) {
        return input.dim(axisIndex(input));
    }

    /**
     * Whether Keras computes this layer with TensorFlow's fused kernel: an image normalised over its
     * channels. The fused kernel's moving variance takes the batch variance with Bessel's correction
     * ({@code n / (n - 1)}, n the values per channel) and its epsilon is at least {@link #FUSED_MIN_EPSILON};
     * otherwise the moving variance takes the plain batch variance and epsilon is as given.
     *
     * @param input the shape the layer reads
     * @return true for an image normalised over its last axis
     * @throws InvalidArchitectureException if the input is an image and {@link #axis()} is not one of its axes
     */
    public boolean fused(Shape input) {
        return input.isImage() && axisIndex(input) == input.rank() - 1;
    }

    /**
     * The epsilon actually added to the variance for an input shape (see {@link #fused(Shape)}).
     *
     * @param input the shape the layer reads
     * @return {@link #epsilon()}, raised to {@link #FUSED_MIN_EPSILON} on the fused path
     * @throws InvalidArchitectureException if the input is an image and {@link #axis()} is not one of its axes
     */
    public double epsilonFor(Shape input) {
        return fused(input) ? Math.max(epsilon, FUSED_MIN_EPSILON) : epsilon;
    }

    @Override
    public Shape outputShape(Shape input) {
        axisIndex(input);
        return input;
    }

    @Override
    public List<Parameter> parameters(Shape input) {
        Shape shape = Shape.of(features(input));
        List<Parameter> params = new ArrayList<>(4);
        if (scale) {
            params.add(new Parameter(name, "gamma", shape, gammaInitializer, Constraint.none(), true));
        }
        if (center) {
            params.add(new Parameter(name, "beta", shape, betaInitializer, Constraint.none(), true));
        }
        params.add(new Parameter(name, "moving_mean", shape, movingMeanInitializer, Constraint.none(), false));
        params.add(new Parameter(name, "moving_variance", shape, movingVarianceInitializer, Constraint.none(), false));
        return params;
    }

    @Override
    public BatchNormalization withName(String newName) {
        return new BatchNormalization(newName, axis, momentum, epsilon, center, scale, betaInitializer,
                gammaInitializer, movingMeanInitializer, movingVarianceInitializer);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** Builds a {@link BatchNormalization}; every setting has Keras's default. */
    public static final class Builder implements LayerSpec {
        private String name;
        private int axis = -1;
        private double momentum = DEFAULT_MOMENTUM;
        private double epsilon = DEFAULT_EPSILON;
        private boolean center = true;
        private boolean scale = true;
        private Initializer betaInitializer = Initializer.zeros();
        private Initializer gammaInitializer = Initializer.ones();
        private Initializer movingMeanInitializer = Initializer.zeros();
        private Initializer movingVarianceInitializer = Initializer.ones();

        private Builder() {
        }

        /**
         * The normalised axis, Keras-style: -1 (the default) is the last, 0 the batch.
         *
         * @param value the axis; not 0, and an axis of the input (checked when the layer is built and shaped)
         * @return this builder
         */
        public Builder axis(int value) {
            this.axis = value;
            return this;
        }

        /**
         * How much of the moving statistics survives each training step (0.99).
         *
         * @param value the momentum, in [0, 1]; checked when the layer is built
         * @return this builder
         */
        public Builder momentum(double value) {
            this.momentum = value;
            return this;
        }

        /**
         * Added to the variance before its square root (1e-3).
         *
         * @param value epsilon, positive and finite; checked when the layer is built
         * @return this builder
         */
        public Builder epsilon(double value) {
            this.epsilon = value;
            return this;
        }

        /**
         * Whether to add the learned offset {@code beta} (true).
         *
         * @param value false to leave out {@code beta}
         * @return this builder
         */
        public Builder center(boolean value) {
            this.center = value;
            return this;
        }

        /**
         * Whether to multiply by the learned scale {@code gamma} (true).
         *
         * @param value false to leave out {@code gamma}
         * @return this builder
         */
        public Builder scale(boolean value) {
            this.scale = value;
            return this;
        }

        /**
         * How {@code beta} starts (zeros).
         *
         * @param initializer the initialiser, not null
         * @return this builder
         */
        public Builder betaInitializer(Initializer initializer) {
            this.betaInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * How {@code gamma} starts (ones).
         *
         * @param initializer the initialiser, not null
         * @return this builder
         */
        public Builder gammaInitializer(Initializer initializer) {
            this.gammaInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * How {@code moving_mean} starts (zeros).
         *
         * @param initializer the initialiser, not null
         * @return this builder
         */
        public Builder movingMeanInitializer(Initializer initializer) {
            this.movingMeanInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * How {@code moving_variance} starts (ones).
         *
         * @param initializer the initialiser, not null
         * @return this builder
         */
        public Builder movingVarianceInitializer(Initializer initializer) {
            this.movingVarianceInitializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * The layer's name, instead of a generated one such as {@code batch_normalization_1}.
         *
         * @param layerName letters, digits, {@code _}, {@code .} and {@code -}
         * @return this builder
         * @throws InvalidArchitectureException if the name is empty or has another character
         */
        public Builder name(String layerName) {
            this.name = Layer.checkName(layerName);
            return this;
        }

        @Override
        public Optional<String> givenName() {
            return Optional.ofNullable(name);
        }

        @Override
        public String namePrefix() {
            return "batch_normalization";
        }

        @Override
        public BatchNormalization build(String layerName) {
            return new BatchNormalization(layerName, axis, momentum, epsilon, center, scale, betaInitializer,
                    gammaInitializer, movingMeanInitializer, movingVarianceInitializer);
        }
    }
}
