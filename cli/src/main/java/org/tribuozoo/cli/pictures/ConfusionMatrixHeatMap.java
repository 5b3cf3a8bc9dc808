package org.tribuozoo.cli.pictures;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A confusion matrix as a heat map, drawn with XChart: true labels down the left (first label at
 * the top), predicted labels along the bottom, the count in every cell, darker for more.
 */
public final class ConfusionMatrixHeatMap {

    /** Light enough at the top of the range that the black counts stay readable on every cell. */
    private static final Color[] RANGE = {new Color(255, 255, 255), new Color(198, 219, 239), new Color(82, 157, 204)};

    private ConfusionMatrixHeatMap() {
    }

    /**
     * Writes the heat map as a PNG.
     *
     * @param labels the labels, in row and column order
     * @param counts {@code counts[t][p]}: test examples of true label {@code t} predicted as {@code p}
     * @param title  the chart's title
     * @param file   the PNG to write
     */
    public static void write(List<String> labels, long[][] counts, String title, Path file) throws IOException {
        Pictures.writePng(render(labels, counts, title), file);
    }

    /** The picture. */
    public static BufferedImage render(List<String> labels, long[][] counts, String title) {
        int n = labels.size();
        int longest = labels.stream().mapToInt(String::length).max().orElse(1);
        int cell = Math.max(44, Math.min(90, 720 / Math.max(1, n)));
        // Wide enough for the title (about 9 pixels a character in XChart's bold title font).
        int width = Math.max(220 + longest * 7 + n * cell, 80 + 9 * title.length());
        int height = Math.max(170 + n * cell, 360);
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("predicted label").yAxisTitle("true label").build();
        HeatMapStyler s = chart.getStyler();
        s.setShowValue(true);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, n > 12 ? 10 : 13));
        s.setValueFontColor(Color.BLACK);
        s.setHeatMapValueDecimalPattern("#,##0");
        s.setRangeColors(RANGE);
        s.setDrawBorder(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setAntiAlias(true);
        s.setPlotContentSize(1.0);
        long max = 0;
        List<Number[]> cells = new ArrayList<>(n * n);
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                max = Math.max(max, counts[t][p]);
                // XChart puts y index 0 at the bottom; the first true label belongs at the top.
                cells.add(new Number[] {p, n - 1 - t, counts[t][p]});
            }
        }
        s.setMin(0);
        s.setMax(Math.max(1, max));
        List<String> rows = new ArrayList<>(labels);
        java.util.Collections.reverse(rows);
        chart.addSeries("count", labels, rows, cells);
        return BitmapEncoder.getBufferedImage(chart);
    }
}
