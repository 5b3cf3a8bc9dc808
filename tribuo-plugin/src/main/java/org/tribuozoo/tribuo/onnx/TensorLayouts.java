package org.tribuozoo.tribuo.onnx;

/**
 * Reorders row-major tensors between TensorFlow's channels-last layouts and ONNX's channels-first ones.
 * TensorFlow stores a convolution kernel as {@code (kh, kw, in, out)} (HWIO) and an image as
 * {@code (h, w, c)}; ONNX's Conv wants {@code (out, in, kh, kw)} (OIHW) over {@code (c, h, w)} images.
 */
public final class TensorLayouts {

    private TensorLayouts() {
    }

    /**
     * A convolution kernel from HWIO to OIHW.
     *
     * @param hwio the kernel, {@code kh * kw * in * out} values in row-major HWIO order
     * @param kh   the kernel's height
     * @param kw   the kernel's width
     * @param in   input channels
     * @param out  output channels (filters)
     * @return the same values in row-major OIHW order
     * @throws IllegalArgumentException if the length does not match the dimensions
     */
    public static float[] hwioToOihw(float[] hwio, int kh, int kw, int in, int out) {
        requireLength(hwio, (long) kh * kw * in * out, "HWIO kernel");
        float[] oihw = new float[hwio.length];
        int src = 0;
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + i) * kh + h) * kw + w] = hwio[src++];
                    }
                }
            }
        }
        return oihw;
    }

    /**
     * An image-shaped tensor from HWC to CHW.
     *
     * @param hwc {@code h * w * c} values in row-major HWC order
     * @param h   the height
     * @param w   the width
     * @param c   the channels
     * @return the same values in row-major CHW order
     * @throws IllegalArgumentException if the length does not match the dimensions
     */
    public static float[] hwcToChw(float[] hwc, int h, int w, int c) {
        requireLength(hwc, (long) h * w * c, "HWC tensor");
        float[] chw = new float[hwc.length];
        int src = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    chw[(ch * h + y) * w + x] = hwc[src++];
                }
            }
        }
        return chw;
    }

    private static void requireLength(float[] values, long expected, String what) {
        if (values.length != expected) {
            throw new IllegalArgumentException(what + " needs " + expected + " values, got " + values.length);
        }
    }
}
