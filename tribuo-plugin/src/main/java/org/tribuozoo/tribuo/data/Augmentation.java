package org.tribuozoo.tribuo.data;

import java.util.SplittableRandom;

/**
 * Seeded online augmentation of images held as float arrays in (h, w, c) order (NHWC for a
 * batch): random rotation, width and height shifts, and horizontal flip, in the manner of
 * Keras's {@code ImageDataGenerator(rotation_range, width_shift_range, height_shift_range,
 * horizontal_flip)}.
 * <pre>{@code
 * Augmentation aug = Augmentation.builder()
 *         .rotation(20).widthShift(0.2).heightShift(0.2).horizontalFlip(true).build();
 * SplittableRandom rng = new SplittableRandom(seed);
 * float[] augmented = aug.apply(batch, ImageLayout.MNIST, rng); // batch: n * 784 floats
 * }</pre>
 * For each image, independently: an angle uniform in [-rotation, +rotation] degrees, a width
 * shift uniform in [-widthShift, +widthShift] x W pixels, a height shift uniform in
 * [-heightShift, +heightShift] x H pixels, and a flip with probability 1/2 (when enabled). All
 * four are drawn for every image, whatever is enabled, so a given seed always consumes the same
 * random numbers per image.
 * <p>
 * Geometry ({@link Transform}): the image is rotated about its centre
 * ({@code ((W-1)/2, (H-1)/2)} in pixel coordinates; a positive angle turns the content
 * counter-clockwise as displayed, rows running downwards), then shifted (positive x moves the
 * content right, positive y down), then mirrored left-right if flipped. Every output pixel is
 * sampled from the input by bilinear interpolation; positions outside the input read as 0, so
 * uncovered areas are filled with zeros (Keras's default fill is "nearest"; zeros are the
 * natural background of MNIST-like data and never invent content). Whole-pixel shifts and
 * rotations by multiples of 90 degrees of a square image move pixels exactly, without blur.
 */
public final class Augmentation {

    /** Offsets this close to a whole pixel are treated as whole, so exact moves stay exact. */
    private static final double SNAP = 1e-6;

    private final double rotation;
    private final double widthShift;
    private final double heightShift;
    private final boolean horizontalFlip;

    private Augmentation(Builder b) {
        this.rotation = b.rotation;
        this.widthShift = b.widthShift;
        this.heightShift = b.heightShift;
        this.horizontalFlip = b.horizontalFlip;
    }

    /** @return a builder with every augmentation off */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the maximum rotation in degrees */
    public double rotation() {
        return rotation;
    }

    /** @return the maximum width shift as a fraction of the width */
    public double widthShift() {
        return widthShift;
    }

    /** @return the maximum height shift as a fraction of the height */
    public double heightShift() {
        return heightShift;
    }

    /** @return whether images are flipped left-right half of the time */
    public boolean horizontalFlip() {
        return horizontalFlip;
    }

    /** @return true if no augmentation is enabled (images are then copied unchanged) */
    public boolean isIdentity() {
        return rotation == 0 && widthShift == 0 && heightShift == 0 && !horizontalFlip;
    }

    /**
     * Augments one image or a batch into a new array.
     *
     * @param images one image or a batch, a multiple of {@code layout.size()} floats in (n, h, w, c) order
     * @param layout the layout of one image
     * @param rng    the random source; each image draws four numbers from it, in order
     * @return the augmented images, same length
     */
    public float[] apply(float[] images, ImageLayout layout, SplittableRandom rng) {
        float[] out = new float[images.length];
        apply(images, out, layout, rng);
        return out;
    }

    /**
     * Augments one image or a batch into {@code dst}.
     *
     * @param src    the images, a multiple of {@code layout.size()} floats
     * @param dst    the destination, same length, not the same array as {@code src}
     * @param layout the layout of one image
     * @param rng    the random source; each image draws four numbers from it, in order
     */
    public void apply(float[] src, float[] dst, ImageLayout layout, SplittableRandom rng) {
        int size = layout.size();
        if (src.length % size != 0) {
            throw new IllegalArgumentException(src.length + " floats is not a whole number of " + layout + " images");
        }
        if (dst.length != src.length || dst == src) {
            throw new IllegalArgumentException("destination must be a different array of the same length");
        }
        for (int offset = 0; offset < src.length; offset += size) {
            sample(layout, rng).apply(src, offset, dst, offset, layout);
        }
    }

    /**
     * Draws the transform for one image.
     *
     * @param layout the image layout
     * @param rng    the random source; four numbers are drawn
     * @return the transform
     */
    public Transform sample(ImageLayout layout, SplittableRandom rng) {
        double a = rng.nextDouble();
        double x = rng.nextDouble();
        double y = rng.nextDouble();
        boolean f = rng.nextBoolean();
        return new Transform(
                (2 * a - 1) * rotation,
                (2 * x - 1) * widthShift * layout.width(),
                (2 * y - 1) * heightShift * layout.height(),
                horizontalFlip && f);
    }

    @Override
    public String toString() {
        return "Augmentation(rotation=" + rotation + ",widthShift=" + widthShift + ",heightShift=" + heightShift
                + ",horizontalFlip=" + horizontalFlip + ")";
    }

    /**
     * One concrete transform: rotate about the centre, shift, then optionally mirror.
     *
     * @param degrees counter-clockwise rotation (as displayed) in degrees
     * @param shiftX  shift in pixels, positive to the right
     * @param shiftY  shift in pixels, positive downwards
     * @param flip    mirror left-right after rotating and shifting
     */
    public record Transform(double degrees, double shiftX, double shiftY, boolean flip) {

        /**
         * Applies the transform to one image.
         *
         * @param image  {@code layout.size()} floats in (h, w, c) order
         * @param layout the layout
         * @return the transformed image
         */
        public float[] apply(float[] image, ImageLayout layout) {
            if (image.length != layout.size()) {
                throw new IllegalArgumentException("expected " + layout.size() + " floats for a " + layout
                        + " image, got " + image.length);
            }
            float[] out = new float[image.length];
            apply(image, 0, out, 0, layout);
            return out;
        }

        /**
         * Applies the transform to the image at {@code srcOffset}, writing at {@code dstOffset}.
         *
         * @param src       source array
         * @param srcOffset start of the image in {@code src}
         * @param dst       destination array (not overlapping the source image)
         * @param dstOffset start of the image in {@code dst}
         * @param layout    the layout
         */
        public void apply(float[] src, int srcOffset, float[] dst, int dstOffset, ImageLayout layout) {
            int h = layout.height();
            int w = layout.width();
            int c = layout.channels();
            double theta = StrictMath.toRadians(degrees);
            double cos = StrictMath.cos(theta);
            double sin = StrictMath.sin(theta);
            double cx = (w - 1) / 2.0;
            double cy = (h - 1) / 2.0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // Inverse mapping: find where this output pixel comes from in the input.
                    int xa = flip ? w - 1 - x : x;
                    double u = xa - cx - shiftX;
                    double v = y - cy - shiftY;
                    double sx = snap(cx + u * cos - v * sin);
                    double sy = snap(cy + u * sin + v * cos);
                    int base = dstOffset + (y * w + x) * c;
                    for (int ch = 0; ch < c; ch++) {
                        dst[base + ch] = bilinear(src, srcOffset, layout, sx, sy, ch);
                    }
                }
            }
        }

        private static double snap(double coordinate) {
            double r = Math.rint(coordinate);
            return Math.abs(coordinate - r) < SNAP ? r : coordinate;
        }

        private static float bilinear(float[] src, int offset, ImageLayout layout, double x, double y, int ch) {
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            double fx = x - x0;
            double fy = y - y0;
            double top = (1 - fx) * at(src, offset, layout, x0, y0, ch) + (fx == 0 ? 0 : fx * at(src, offset, layout, x0 + 1, y0, ch));
            if (fy == 0) {
                return (float) top;
            }
            double bottom = (1 - fx) * at(src, offset, layout, x0, y0 + 1, ch)
                    + (fx == 0 ? 0 : fx * at(src, offset, layout, x0 + 1, y0 + 1, ch));
            return (float) ((1 - fy) * top + fy * bottom);
        }

        /** A pixel value, or 0 outside the image: the zero fill. */
        private static double at(float[] src, int offset, ImageLayout layout, int x, int y, int ch) {
            if (x < 0 || y < 0 || x >= layout.width() || y >= layout.height()) {
                return 0.0;
            }
            return src[offset + layout.index(y, x, ch)];
        }
    }

    /** Builds an {@link Augmentation}; everything is off until enabled. */
    public static final class Builder {
        private double rotation;
        private double widthShift;
        private double heightShift;
        private boolean horizontalFlip;

        private Builder() {
        }

        /**
         * @param degrees maximum rotation either way, in [0, 180]
         * @return this builder
         */
        public Builder rotation(double degrees) {
            if (!(degrees >= 0 && degrees <= 180)) {
                throw new IllegalArgumentException("rotation must be in [0, 180] degrees, got " + degrees);
            }
            this.rotation = degrees;
            return this;
        }

        /**
         * @param fraction maximum shift either way as a fraction of the width, in [0, 1]
         * @return this builder
         */
        public Builder widthShift(double fraction) {
            this.widthShift = checkShift("width", fraction);
            return this;
        }

        /**
         * @param fraction maximum shift either way as a fraction of the height, in [0, 1]
         * @return this builder
         */
        public Builder heightShift(double fraction) {
            this.heightShift = checkShift("height", fraction);
            return this;
        }

        /**
         * @param enabled mirror left-right half of the time
         * @return this builder
         */
        public Builder horizontalFlip(boolean enabled) {
            this.horizontalFlip = enabled;
            return this;
        }

        /** @return the augmentation */
        public Augmentation build() {
            return new Augmentation(this);
        }

        private static double checkShift(String name, double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException(name + " shift must be a fraction in [0, 1], got " + fraction);
            }
            return fraction;
        }
    }
}
