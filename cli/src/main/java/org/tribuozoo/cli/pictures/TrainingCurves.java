package org.tribuozoo.cli.pictures;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tribuozoo.graph.EpochResult;
import org.tribuozoo.graph.TrainingHistory;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training curves of a run, drawn with XChart: loss per epoch (training and validation) on
 * the left, accuracy per epoch on the right. Validation curves appear only when the run held out
 * validation data.
 */
public final class TrainingCurves {

    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 440;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);

    private TrainingCurves() {
    }

    /**
     * Writes the picture as a PNG.
     *
     * @param history the per-epoch results
     * @param title   what was trained, for the titles (e.g. {@code lenet5})
     * @param file    the PNG to write
     */
    public static void write(TrainingHistory history, String title, Path file) throws IOException {
        Pictures.writePng(render(history, title), file);
    }

    /** The picture: two charts side by side. */
    public static BufferedImage render(TrainingHistory history, String title) {
        List<EpochResult> epochs = history.epochs();
        // Loss falls and accuracy rises: each legend goes in the corner its curves leave empty.
        XYChart loss = chart(title + ": loss", "loss", Styler.LegendPosition.InsideNE);
        XYChart accuracy = chart(title + ": accuracy", "accuracy", Styler.LegendPosition.InsideSE);
        List<Integer> x = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> trainAccuracy = new ArrayList<>();
        List<Double> validationLoss = new ArrayList<>();
        List<Double> validationAccuracy = new ArrayList<>();
        for (EpochResult e : epochs) {
            x.add(e.epoch());
            trainLoss.add(e.loss());
            trainAccuracy.add(e.accuracy());
            validationLoss.add(e.validationLoss());
            validationAccuracy.add(e.validationAccuracy());
        }
        boolean validation = epochs.stream().anyMatch(EpochResult::hasValidation);
        series(loss, "training", x, trainLoss, TRAIN);
        series(accuracy, "training", x, trainAccuracy, TRAIN);
        if (validation) {
            series(loss, "validation", x, validationLoss, VALIDATION);
            series(accuracy, "validation", x, validationAccuracy, VALIDATION);
        }
        if (epochs.size() == 1) {
            // One point would make a zero-width axis: centre it between its neighbouring epochs.
            for (XYChart c : List.of(loss, accuracy)) {
                c.getStyler().setXAxisMin(epochs.get(0).epoch() - 1.0);
                c.getStyler().setXAxisMax(epochs.get(0).epoch() + 1.0);
            }
        }
        BufferedImage left = BitmapEncoder.getBufferedImage(loss);
        BufferedImage right = BitmapEncoder.getBufferedImage(accuracy);
        return Pictures.sideBySide(left, right);
    }

    private static XYChart chart(String title, String yTitle, Styler.LegendPosition legend) {
        XYChart c = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        Styler s = c.getStyler();
        s.setLegendPosition(legend);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setYAxisDecimalPattern("0.0###");
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        return c;
    }

    private static void series(XYChart chart, String name, List<Integer> x, List<Double> y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(color);
        s.setMarkerColor(color);
    }
}
