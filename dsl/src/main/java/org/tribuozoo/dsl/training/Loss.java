package org.tribuozoo.dsl.training;

/**
 * A training loss, as data; tf-graph implements each in a numerically stable form (from logits
 * where the network ends in softmax or sigmoid).
 */
public sealed interface Loss {

    static Loss meanSquaredError() {
        return MeanSquaredError.INSTANCE;
    }

    /** Cross-entropy against one-hot targets. */
    static Loss categoricalCrossEntropy() {
        return CategoricalCrossEntropy.INSTANCE;
    }

    /** Cross-entropy against integer class targets (same value as categorical, cheaper targets). */
    static Loss sparseCategoricalCrossEntropy() {
        return SparseCategoricalCrossEntropy.INSTANCE;
    }

    /** Binary cross-entropy for one sigmoid output (or several independent ones). */
    static Loss binaryCrossEntropy() {
        return BinaryCrossEntropy.INSTANCE;
    }

    /** Focal loss {@code -alpha (1 - p_t)^gamma log(p_t)}. */
    static Loss focal(double gamma, double alpha) {
        return new Focal(gamma, alpha);
    }

    /** Focal loss with the usual gamma 2 and alpha 0.25. */
    static Loss focal() {
        return new Focal(2.0, 0.25);
    }

    /** The configuration name, for example {@code categorical_crossentropy}. */
    String configName();

    /** Parses a configuration name; focal loss takes gamma and alpha. */
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
        INSTANCE;

        @Override
        public String configName() {
            return "mean_squared_error";
        }
    }

    /** Categorical cross-entropy. */
    enum CategoricalCrossEntropy implements Loss {
        INSTANCE;

        @Override
        public String configName() {
            return "categorical_crossentropy";
        }
    }

    /** Sparse categorical cross-entropy. */
    enum SparseCategoricalCrossEntropy implements Loss {
        INSTANCE;

        @Override
        public String configName() {
            return "sparse_categorical_crossentropy";
        }
    }

    /** Binary cross-entropy. */
    enum BinaryCrossEntropy implements Loss {
        INSTANCE;

        @Override
        public String configName() {
            return "binary_crossentropy";
        }
    }

    /** Focal loss. */
    record Focal(double gamma, double alpha) implements Loss {
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
