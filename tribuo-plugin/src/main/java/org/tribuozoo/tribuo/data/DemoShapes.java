package org.tribuozoo.tribuo.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the demo data set's images: ten line-drawn shapes on a 28x28 grey canvas, each with a
 * random rotation, size, aspect, position, stroke width and brightness, Gaussian pixel noise and
 * sometimes a faint stray stroke.
 * <p>
 * Shapes are rendered from distance fields in plain Java (no Java2D), with {@link StrictMath}
 * for the trigonometry, so the same seed gives bit-identical images on every JVM.
 * The jitter ranges are chosen so that classes stay visually distinct (rotations of at most
 * 15 degrees never turn a square into a diamond or a plus into a cross, which are 45 degrees
 * apart) while no two images are alike, so a network has to learn the shapes rather than
 * memorise pixels.
 */
final class DemoShapes {

    /** Class names, index 0 to 9. */
    static final List<String> CLASSES = List.of(
            "circle", "disk", "square", "diamond", "triangle", "plus", "cross", "equals", "corner", "star");

    static final ImageLayout LAYOUT = ImageLayout.MNIST;

    private static final double MAX_ROTATION = StrictMath.toRadians(15);
    private static final double NOISE_SIGMA = 18;
    private static final double STRAY_STROKE_PROBABILITY = 0.4;

    private DemoShapes() {
    }

    /** A stroked segment or circle, or a filled disc, in canvas coordinates. */
    private sealed interface Part permits Segment, Ring, Disc {
        /** @return distance from (x, y) to the ink of this part, 0 inside a filled part */
        double distance(double x, double y);
    }

    private record Segment(double ax, double ay, double bx, double by) implements Part {
        public double distance(double x, double y) {
            double dx = bx - ax;
            double dy = by - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
            double px = ax + t * dx - x;
            double py = ay + t * dy - y;
            return Math.sqrt(px * px + py * py);
        }
    }

    private record Ring(double cx, double cy, double rx, double ry) implements Part {
        public double distance(double x, double y) {
            // Distance to an axis-aligned ellipse, approximated by scaling to a circle: exact for
            // circles and within a fraction of a pixel for the mild aspect jitter used here.
            double u = (x - cx) / rx;
            double v = (y - cy) / ry;
            double r = Math.sqrt(u * u + v * v);
            return Math.abs(r - 1) * Math.min(rx, ry);
        }
    }

    private record Disc(double cx, double cy, double rx, double ry) implements Part {
        public double distance(double x, double y) {
            double u = (x - cx) / rx;
            double v = (y - cy) / ry;
            double r = Math.sqrt(u * u + v * v);
            return Math.max(0, r - 1) * Math.min(rx, ry);
        }
    }

    /**
     * Draws one image of a class.
     *
     * @param classIndex 0..9
     * @param rng        the source of every random choice for this image
     * @return 784 raw values 0..255, row-major
     */
    static int[] draw(int classIndex, SplittableRandom rng) {
        double angle = uniform(rng, -MAX_ROTATION, MAX_ROTATION);
        double scale = uniform(rng, 7.0, 12.0);
        double aspect = uniform(rng, 0.85, 1.15);
        double sx = scale * aspect;
        double sy = scale / aspect;
        double cx = LAYOUT.width() / 2.0 + uniform(rng, -3, 3);
        double cy = LAYOUT.height() / 2.0 + uniform(rng, -3, 3);
        double halfStroke = uniform(rng, 0.7, 1.5);
        double ink = uniform(rng, 140, 255);

        Transform t = new Transform(cx, cy, sx, sy, StrictMath.cos(angle), StrictMath.sin(angle));
        List<Part> parts = shape(classIndex, t);
        List<Part> stray = new ArrayList<>();
        double strayInk = 0;
        if (rng.nextDouble() < STRAY_STROKE_PROBABILITY) {
            double x0 = uniform(rng, 0, LAYOUT.width());
            double y0 = uniform(rng, 0, LAYOUT.height());
            double dir = uniform(rng, 0, 2 * Math.PI);
            double len = uniform(rng, 3, 7);
            stray.add(new Segment(x0, y0, x0 + len * StrictMath.cos(dir), y0 + len * StrictMath.sin(dir)));
            strayInk = uniform(rng, 50, 120);
        }

        int[] pixels = new int[LAYOUT.size()];
        for (int y = 0; y < LAYOUT.height(); y++) {
            for (int x = 0; x < LAYOUT.width(); x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                double value = ink * coverage(parts, px, py, halfStroke);
                if (!stray.isEmpty()) {
                    value = Math.max(value, strayInk * coverage(stray, px, py, 0.6));
                }
                value += NOISE_SIGMA * gaussian(rng);
                pixels[y * LAYOUT.width() + x] = (int) Math.round(Math.max(0, Math.min(255, value)));
            }
        }
        return pixels;
    }

    /** Fraction of the pixel covered by ink: a one-pixel linear ramp at the stroke's edge (anti-aliasing). */
    private static double coverage(List<Part> parts, double x, double y, double halfStroke) {
        double d = Double.MAX_VALUE;
        for (Part p : parts) {
            d = Math.min(d, p.distance(x, y));
        }
        return Math.max(0, Math.min(1, halfStroke + 0.5 - d));
    }

    /** Maps unit shape coordinates (about -1..1, y down) to the canvas. */
    private record Transform(double cx, double cy, double sx, double sy, double cos, double sin) {
        double x(double u, double v) {
            return cx + sx * u * cos - sy * v * sin;
        }

        double y(double u, double v) {
            return cy + sx * u * sin + sy * v * cos;
        }

        Segment segment(double u0, double v0, double u1, double v1) {
            return new Segment(x(u0, v0), y(u0, v0), x(u1, v1), y(u1, v1));
        }

        void polygon(List<Part> out, double... uv) {
            for (int i = 0; i < uv.length; i += 2) {
                int j = (i + 2) % uv.length;
                out.add(segment(uv[i], uv[i + 1], uv[j], uv[j + 1]));
            }
        }
    }

    private static List<Part> shape(int classIndex, Transform t) {
        List<Part> parts = new ArrayList<>();
        switch (classIndex) {
            // Rotating an ellipse by at most 15 degrees barely shows, so circles ignore rotation.
            case 0 -> parts.add(new Ring(t.cx(), t.cy(), 0.8 * t.sx(), 0.8 * t.sy()));
            case 1 -> parts.add(new Disc(t.cx(), t.cy(), 0.55 * t.sx(), 0.55 * t.sy()));
            case 2 -> t.polygon(parts, -0.7, -0.7, 0.7, -0.7, 0.7, 0.7, -0.7, 0.7);
            case 3 -> t.polygon(parts, 0, -0.95, 0.95, 0, 0, 0.95, -0.95, 0);
            case 4 -> t.polygon(parts, 0, -0.85, 0.9, 0.75, -0.9, 0.75);
            case 5 -> {
                parts.add(t.segment(-0.85, 0, 0.85, 0));
                parts.add(t.segment(0, -0.85, 0, 0.85));
            }
            case 6 -> {
                parts.add(t.segment(-0.7, -0.7, 0.7, 0.7));
                parts.add(t.segment(-0.7, 0.7, 0.7, -0.7));
            }
            case 7 -> {
                parts.add(t.segment(-0.8, -0.35, 0.8, -0.35));
                parts.add(t.segment(-0.8, 0.35, 0.8, 0.35));
            }
            case 8 -> {
                parts.add(t.segment(-0.6, -0.85, -0.6, 0.7));
                parts.add(t.segment(-0.6, 0.7, 0.75, 0.7));
            }
            case 9 -> {
                double[] uv = new double[20];
                for (int k = 0; k < 10; k++) {
                    double r = k % 2 == 0 ? 0.95 : 0.42;
                    double a = -Math.PI / 2 + k * Math.PI / 5;
                    uv[2 * k] = r * StrictMath.cos(a);
                    uv[2 * k + 1] = r * StrictMath.sin(a);
                }
                t.polygon(parts, uv);
            }
            default -> throw new IllegalArgumentException("demo class index " + classIndex + " is outside 0..9");
        }
        return parts;
    }

    /**
     * A standard normal draw by the Box-Muller transform with {@link StrictMath}, so that the
     * noise does not depend on the JDK's own (unspecified) Gaussian algorithm.
     */
    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // in (0, 1], so the log is finite
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
