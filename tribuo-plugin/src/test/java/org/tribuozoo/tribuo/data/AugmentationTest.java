package org.tribuozoo.tribuo.data;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {

    private static final ImageLayout SQUARE = new ImageLayout(3, 3, 1);

    /** 1 2 3 / 4 5 6 / 7 8 9. */
    private static final float[] DIGITS = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void flipMirrorsEachRowExactly() {
        float[] out = new Augmentation.Transform(0, 0, 0, true).apply(DIGITS, SQUARE);
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, out);
    }

    @Test
    void flipKeepsChannelsTogether() {
        ImageLayout rgb = new ImageLayout(1, 2, 3);
        float[] image = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, new Augmentation.Transform(0, 0, 0, true).apply(image, rgb));
    }

    @Test
    void wholePixelShiftsMoveContentAndFillZeros() {
        float[] right = new Augmentation.Transform(0, 1, 0, false).apply(DIGITS, SQUARE);
        assertArrayEquals(new float[] {0, 1, 2, 0, 4, 5, 0, 7, 8}, right);
        float[] down = new Augmentation.Transform(0, 0, 2, false).apply(DIGITS, SQUARE);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 2, 3}, down);
        float[] upLeft = new Augmentation.Transform(0, -1, -1, false).apply(DIGITS, SQUARE);
        assertArrayEquals(new float[] {5, 6, 0, 8, 9, 0, 0, 0, 0}, upLeft);
    }

    @Test
    void halfPixelShiftInterpolatesBilinearly() {
        float[] out = new Augmentation.Transform(0, 0.5, 0, false).apply(DIGITS, SQUARE);
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 2f, 4.5f, 5.5f, 3.5f, 7.5f, 8.5f}, out, 1e-6f);
    }

    @Test
    void quarterTurnsRotateASquareImageExactly() {
        // Counter-clockwise as displayed: the top row (1 2 3) becomes the left column read upwards.
        float[] ccw = new Augmentation.Transform(90, 0, 0, false).apply(DIGITS, SQUARE);
        assertArrayEquals(new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, ccw);
        float[] cw = new Augmentation.Transform(-90, 0, 0, false).apply(DIGITS, SQUARE);
        assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, cw);
        float[] half = new Augmentation.Transform(180, 0, 0, false).apply(DIGITS, SQUARE);
        assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, half);
        // Even sizes rotate about the centre between pixels, still exactly.
        ImageLayout four = new ImageLayout(2, 2, 1);
        assertArrayEquals(new float[] {2, 4, 1, 3},
                new Augmentation.Transform(90, 0, 0, false).apply(new float[] {1, 2, 3, 4}, four));
    }

    @Test
    void smallRotationKeepsTheCentreAndLosesCorners() {
        ImageLayout layout = new ImageLayout(5, 5, 1);
        float[] ones = new float[25];
        java.util.Arrays.fill(ones, 1f);
        float[] out = new Augmentation.Transform(45, 0, 0, false).apply(ones, layout);
        assertEquals(1f, out[layout.index(2, 2, 0)], 1e-6f);
        assertTrue(out[layout.index(0, 0, 0)] < 0.5f, "a corner rotated 45 degrees samples outside: zero fill");
    }

    @Test
    void randomAugmentationIsSeededAndWithinRanges() {
        Augmentation aug = Augmentation.builder().rotation(20).widthShift(0.2).heightShift(0.2).horizontalFlip(true).build();
        ImageLayout layout = ImageLayout.MNIST;
        float[] batch = new float[4 * layout.size()];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (i * 31) % 256;
        }
        float[] a = aug.apply(batch, layout, new SplittableRandom(7));
        float[] b = aug.apply(batch, layout, new SplittableRandom(7));
        float[] c = aug.apply(batch, layout, new SplittableRandom(8));
        assertArrayEquals(a, b, "same seed, same output");
        assertFalse(java.util.Arrays.equals(a, c), "another seed, another output");

        // A batch is the same as its images one after the other with the same generator.
        SplittableRandom rng = new SplittableRandom(7);
        for (int n = 0; n < 4; n++) {
            float[] one = new float[layout.size()];
            System.arraycopy(batch, n * layout.size(), one, 0, one.length);
            float[] expected = java.util.Arrays.copyOfRange(a, n * layout.size(), (n + 1) * layout.size());
            assertArrayEquals(expected, aug.apply(one, layout, rng));
        }

        SplittableRandom draws = new SplittableRandom(3);
        int flips = 0;
        for (int i = 0; i < 1000; i++) {
            Augmentation.Transform t = aug.sample(layout, draws);
            assertTrue(Math.abs(t.degrees()) <= 20);
            assertTrue(Math.abs(t.shiftX()) <= 0.2 * 28 && Math.abs(t.shiftY()) <= 0.2 * 28);
            flips += t.flip() ? 1 : 0;
        }
        assertTrue(flips > 400 && flips < 600, "flips about half the time: " + flips);
    }

    @Test
    void disabledAugmentationCopiesUnchanged() {
        Augmentation none = Augmentation.builder().build();
        assertTrue(none.isIdentity());
        assertArrayEquals(DIGITS, none.apply(DIGITS, SQUARE, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> none.apply(new float[10], SQUARE, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.builder().widthShift(1.5));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.builder().rotation(-3));
    }
}
