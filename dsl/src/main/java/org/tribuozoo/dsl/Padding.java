package org.tribuozoo.dsl;

/**
 * How a convolution or pooling window treats the border: {@link Valid} (no padding),
 * {@link Same} (Keras/TensorFlow semantics: output size ceil(input / stride), the odd extra row or
 * column padded at the bottom or right) or {@link Explicit} zero padding per side.
 */
public sealed interface Padding {

    /** No padding. */
    static Padding valid() {
        return Valid.INSTANCE;
    }

    /** Keras's {@code same} padding. */
    static Padding same() {
        return Same.INSTANCE;
    }

    /** The same zero padding on every side. */
    static Padding explicit(int all) {
        return new Explicit(all, all, all, all);
    }

    /** Zero padding per side. */
    static Padding explicit(int top, int bottom, int left, int right) {
        return new Explicit(top, bottom, left, right);
    }

    /**
     * The zero padding per side this padding amounts to for a window over an input.
     *
     * @return the padding, each side non-negative
     */
    Explicit resolve(int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth);

    /** The JSON name: {@code valid}, {@code same} or {@code explicit}. */
    String jsonName();

    /** No padding. */
    enum Valid implements Padding {
        INSTANCE;

        @Override
        public Explicit resolve(int inH, int inW, int wH, int wW, int sH, int sW) {
            return new Explicit(0, 0, 0, 0);
        }

        @Override
        public String jsonName() {
            return "valid";
        }

        @Override
        public String toString() {
            return "valid";
        }
    }

    /** Keras/TensorFlow {@code same}: pads so that the output is ceil(input / stride). */
    enum Same implements Padding {
        INSTANCE;

        @Override
        public Explicit resolve(int inH, int inW, int wH, int wW, int sH, int sW) {
            int padH = total(inH, wH, sH);
            int padW = total(inW, wW, sW);
            // TensorFlow puts the odd extra row/column after the input (bottom/right).
            return new Explicit(padH / 2, padH - padH / 2, padW / 2, padW - padW / 2);
        }

        private static int total(int in, int window, int stride) {
            int out = (in + stride - 1) / stride;
            return Math.max((out - 1) * stride + window - in, 0);
        }

        @Override
        public String jsonName() {
            return "same";
        }

        @Override
        public String toString() {
            return "same";
        }
    }

    /** Zero padding per side. */
    record Explicit(int top, int bottom, int left, int right) implements Padding {
        public Explicit {
            if (top < 0 || bottom < 0 || left < 0 || right < 0) {
                throw new IllegalArgumentException("padding must not be negative: " + this);
            }
        }

        @Override
        public Explicit resolve(int inH, int inW, int wH, int wW, int sH, int sW) {
            return this;
        }

        /** True when no side is padded. */
        public boolean isZero() {
            return top == 0 && bottom == 0 && left == 0 && right == 0;
        }

        @Override
        public String jsonName() {
            return "explicit";
        }

        @Override
        public String toString() {
            return "explicit(" + top + ", " + bottom + ", " + left + ", " + right + ")";
        }
    }
}
