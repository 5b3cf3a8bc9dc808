package org.tribuozoo.dsl;

/**
 * How a convolution or pooling window treats the border: {@link Valid} (no padding),
 * {@link Same} (Keras/TensorFlow semantics: output size ceil(input / stride), the odd extra row or
 * column padded at the bottom or right) or {@link Explicit} zero padding per side.
 */
public sealed interface Padding {

    /** {@return no padding: the window only visits positions where it fits inside the input} */
    static Padding valid() {
        return Valid.INSTANCE;
    }

    /** {@return Keras's {@code same} padding: output size ceil(input / stride)} */
    static Padding same() {
        return Same.INSTANCE;
    }

    /**
     * The same zero padding on every side.
     *
     * @param all rows or columns of zeros added on each side, zero or more
     * @return the padding
     * @throws IllegalArgumentException if {@code all} is negative
     */
    static Padding explicit(int all) {
        return new Explicit(all, all, all, all);
    }

    /**
     * Zero padding per side.
     *
     * @param top    rows of zeros above, zero or more
     * @param bottom rows of zeros below, zero or more
     * @param left   columns of zeros on the left, zero or more
     * @param right  columns of zeros on the right, zero or more
     * @return the padding
     * @throws IllegalArgumentException if a side is negative
     */
    static Padding explicit(int top, int bottom, int left, int right) {
        return new Explicit(top, bottom, left, right);
    }

    /**
     * The zero padding per side this padding amounts to for a window over an input.
     *
     * @param inHeight     the input's height, in pixels
     * @param inWidth      the input's width, in pixels
     * @param windowHeight the window's (kernel's or pool's) height
     * @param windowWidth  the window's width
     * @param strideHeight the vertical step between windows
     * @param strideWidth  the horizontal step between windows
     * @return the padding, each side non-negative
     */
    Explicit resolve(int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth);

    /** {@return the JSON name: {@code valid}, {@code same} or {@code explicit}} */
    String jsonName();

    /** No padding. */
    enum Valid implements Padding {
        /** The only value. */
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
        /** The only value. */
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

    /**
     * Zero padding per side.
     *
     * @param top    rows of zeros above, zero or more
     * @param bottom rows of zeros below, zero or more
     * @param left   columns of zeros on the left, zero or more
     * @param right  columns of zeros on the right, zero or more
     */
    record Explicit(int top, int bottom, int left, int right) implements Padding {
        /**
         * Checks the sides.
         *
         * @param top    rows of zeros above, zero or more
         * @param bottom rows of zeros below, zero or more
         * @param left   columns of zeros on the left, zero or more
         * @param right  columns of zeros on the right, zero or more
         * @throws IllegalArgumentException if a side is negative
         */
        public Explicit {
            if (top < 0 || bottom < 0 || left < 0 || right < 0) {
                throw new IllegalArgumentException("padding must not be negative: " + this);
            }
        }

        @Override
        public Explicit resolve(int inH, int inW, int wH, int wW, int sH, int sW) {
            return this;
        }

        /** {@return true when no side is padded} */
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
