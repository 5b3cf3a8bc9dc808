package org.tribuozoo.dsl.training;

/**
 * A training loss, as data; tf-graph implements each in a numerically stable form (from logits
 * where the network ends in softmax or sigmoid).
 */
public sealed interface Loss {

    /** {@return the mean squared error between outputs and targets, for regression} */
    static Loss meanSquaredError() {
        return MeanSquaredError.INSTANCE;
    }

    /** {@return cross-entropy against one-hot targets} */
    static Loss categoricalCrossEntropy() {
        return CategoricalCrossEntropy.INSTANCE;
    }

    /** {@return cross-entropy against integer class targets (same value as categorical, cheaper targets)} */
    static Loss sparseCategoricalCrossEntropy() {
        return SparseCategoricalCrossEntropy.INSTANCE;
    }

    /** {@return binary cross-entropy for one sigmoid output (or several independent ones)} */
    static Loss binaryCrossEntropy() {
        return BinaryCrossEntropy.INSTANCE;
    }

    /**
     * Focal loss {@code -alpha (1 - p_t)^gamma log(p_t)}, which weighs down examples the network
     * already gets right.
     *
     * @param gamma the focusing exponent, finite and at least 0 (0 gives weighted cross-entropy)
     * @param alpha the weight of the positive class, in (0, 1]
     * @return the loss
     * @throws IllegalArgumentException if gamma or alpha is out of range
     */
    static Loss focal(double gamma, double alpha) {
        return new Focal(gamma, alpha);
    }

    /** {@return focal loss with the usual gamma 2 and alpha 0.25} */
    static Loss focal() {
        return new Focal(2.0, 0.25);
    }

    /** {@return the configuration name, for example {@code categorical_crossentropy}} */
    String configName();

    /**
     * Parses a configuration name.
     *
     * @param name       {@code mean_squared_error} (or {@code mse}), {@code categorical_crossentropy},
     *                   {@code sparse_categorical_crossentropy}, {@code binary_crossentropy} or {@code focal}
     * @param focalGamma the focal loss's gamma, at least 0; ignored for the other losses
     * @param focalAlpha the focal loss's alpha, in (0, 1]; ignored for the other losses
     * @return the loss
     * @throws IllegalArgumentException if the name is unknown (the message lists the known ones), or for
     *                                  {@code focal} if gamma or alpha is out of range
     */
    static Loss fromConfigName(String name, double focalGamma, double focalAlpha) {
        return switch (name) {
            case "mean_squared_error", "mse" -> meanSquaredError();
            case "categorical_crossentropy" -> categoricalCrossEntropy();
            case "sparse_categorical_crossentropy" -> sparseCategoricalCrossEntropy();
            case "binary_crossentropy" -> binaryCrossEntropy();
            case "focal" -> focal(focalGamma, focalAlpha);
            default -> throw new IllegalArgumentException("unknown loss '" + name + "' (known: mean_squared_error, "
                    + "categorical_crossentropy, sparse_categorical_crossentropy, binary_crossentropy, focal)");
        };
    }

    /** Mean squared error over the outputs. */
    enum MeanSquaredError implements Loss {
        /** The only value. */
        INSTANCE;

        @Override
        public String configName() {
            return "mean_squared_error";
        }
    }

    /** Categorical cross-entropy. */
    enum CategoricalCrossEntropy implements Loss {
        /** The only value. */
        INSTANCE;

        @Override
        public String configName() {
            return "categorical_crossentropy";
        }
    }

    /** Sparse categorical cross-entropy. */
    enum SparseCategoricalCrossEntropy implements Loss {
        /** The only value. */
        INSTANCE;

        @Override
        public String configName() {
            return "sparse_categorical_crossentropy";
        }
    }

    /** Binary cross-entropy. */
    enum BinaryCrossEntropy implements Loss {
        /** The only value. */
        INSTANCE;

        @Override
        public String configName() {
            return "binary_crossentropy";
        }
    }

    /**
     * Focal loss {@code -alpha (1 - p_t)^gamma log(p_t)}.
     *
     * @param gamma the focusing exponent, finite and at least 0
     * @param alpha the weight of the positive class, in (0, 1]
     */
    record Focal(double gamma, double alpha) implements Loss {
        /**
         * Checks the settings.
         *
         * @param gamma the focusing exponent, finite and at least 0
         * @param alpha the weight of the positive class, in (0, 1]
         * @throws IllegalArgumentException if gamma or alpha is out of range
         */
        public Focal {
            if (!(gamma >= 0) || !Double.isFinite(gamma)) {
                throw new IllegalArgumentException("focal loss gamma must be >= 0, got " + gamma);
            }
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("focal loss alpha must be in (0, 1], got " + alpha);
            }
        }

        @Override
        public String configName() {
            return "focal";
        }
    }
}
