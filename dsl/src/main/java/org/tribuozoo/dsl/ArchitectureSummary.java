package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats the Keras-style summary table of an {@link Architecture}. */
final class ArchitectureSummary {
    private ArchitectureSummary() {
    }

    static String of(Architecture a) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < a.layers().size(); i++) {
            Layer layer = a.layers().get(i);
            String label = layer.name() + " (" + layer.typeName() + ")"
                    + (a.frozenLayers().contains(layer.name()) ? " [frozen]" : "");
            rows.add(new String[] {label, a.outputShapes().get(i).withBatch(), thousands(a.parameterCount(layer.name()))});
        }
        int c0 = Math.max("Layer (type)".length(), rows.stream().mapToInt(r -> r[0].length()).max().orElse(0)) + 2;
        int c1 = Math.max("Output Shape".length(), rows.stream().mapToInt(r -> r[1].length()).max().orElse(0)) + 2;
        int c2 = Math.max("Param #".length(), rows.stream().mapToInt(r -> r[2].length()).max().orElse(0));
        int width = Math.max(c0 + c1 + c2 + 1, 65);
        String thin = "_".repeat(width);
        String thick = "=".repeat(width);
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(a.name()).append("\"\n");
        sb.append(thin).append('\n');
        sb.append(row(" Layer (type)", "Output Shape", "Param #", c0 + 1, c1)).append('\n');
        sb.append(thick).append('\n');
        for (String[] r : rows) {
            sb.append(row(" " + r[0], r[1], r[2], c0 + 1, c1)).append('\n');
        }
        sb.append(thick).append('\n');
        sb.append("Total params: ").append(thousands(a.parameterCount())).append('\n');
        sb.append("Trainable params: ").append(thousands(a.trainableParameterCount())).append('\n');
        sb.append("Non-trainable params: ").append(thousands(a.nonTrainableParameterCount())).append('\n');
        return sb.toString();
    }

    private static String row(String a, String b, String c, int w0, int w1) {
        return pad(a, w0) + pad(b, w1) + c;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    /** {@code 3156098} as {@code 3,156,098}. */
    static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
