package org.tribuozoo.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats the Keras-style summary table of an {@link Architecture}. A sequential network gets Keras's
 * sequential table (layer, output shape, parameters); any other gets Keras's functional table, which
 * starts with the input layer and adds a "Connected to" column listing each layer's inputs as
 * {@code name[0][0]}, one per line.
 */
final class ArchitectureSummary {
    /** Keras's line lengths: 65 for a sequential table, 98 with the "Connected to" column. */
    private static final int SEQUENTIAL_WIDTH = 65;
    private static final int CONNECTED_WIDTH = 98;

    private ArchitectureSummary() {
    }

    static String of(Architecture a) {
        boolean connected = !a.isSequential();
        List<String[]> rows = new ArrayList<>();
        if (connected) {
            rows.add(new String[] {a.inputName() + " (InputLayer)", "[" + a.inputShape().withBatch() + "]", "0", "[]"});
        }
        for (int i = 0; i < a.layers().size(); i++) {
            Layer layer = a.layers().get(i);
            String label = layer.name() + " (" + layer.typeName() + ")"
                    + (a.frozenLayers().contains(layer.name()) ? " [frozen]" : "");
            String shape = a.outputShapes().get(i).withBatch();
            String params = thousands(a.parameterCount(layer.name()));
            rows.add(connected ? new String[] {label, shape, params, connections(a.inboundOf(layer.name()))}
                    : new String[] {label, shape, params});
        }
        String[] header = connected ? new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"}
                : new String[] {"Layer (type)", "Output Shape", "Param #"};
        // Each column as wide as its longest cell plus two spaces; the last column is not padded.
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            int longest = header[c].length();
            for (String[] r : rows) {
                for (String line : r[c].split("\n")) {
                    longest = Math.max(longest, line.length());
                }
            }
            widths[c] = longest + (c < header.length - 1 ? 2 : 0);
        }
        widths[0]++; // the leading space
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        int width = Math.max(total, connected ? CONNECTED_WIDTH : SEQUENTIAL_WIDTH);
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(a.name()).append("\"\n");
        sb.append("_".repeat(width)).append('\n');
        appendRow(sb, header, widths);
        sb.append("=".repeat(width)).append('\n');
        for (String[] r : rows) {
            appendRow(sb, r, widths);
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append("Total params: ").append(thousands(a.parameterCount())).append('\n');
        sb.append("Trainable params: ").append(thousands(a.trainableParameterCount())).append('\n');
        sb.append("Non-trainable params: ").append(thousands(a.nonTrainableParameterCount())).append('\n');
        return sb.toString();
    }

    /**
     * Keras's "Connected to" cell: {@code ['conv2d_2[0][0]', 'conv2d_1[0][0]']}, broken after each comma as
     * Keras prints it (so the following lines start with a space). Node and tensor index are always 0:
     * a layer is applied once and has one output.
     */
    private static String connections(List<String> inbound) {
        List<String> items = inbound.stream().map(n -> "'" + n + "[0][0]'").toList();
        return "[" + String.join(",\n ", items) + "]";
    }

    /** One row, continuing a cell that holds several lines on the lines below it. */
    private static void appendRow(StringBuilder sb, String[] cells, int[] widths) {
        String[][] lines = new String[cells.length][];
        int height = 1;
        for (int c = 0; c < cells.length; c++) {
            lines[c] = cells[c].split("\n");
            height = Math.max(height, lines[c].length);
        }
        for (int l = 0; l < height; l++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                String text = (c == 0 ? " " : "") + (l < lines[c].length ? lines[c][l] : "");
                line.append(c < cells.length - 1 ? pad(text, widths[c]) : text);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    /** {@code 3156098} as {@code 3,156,098}. */
    static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
