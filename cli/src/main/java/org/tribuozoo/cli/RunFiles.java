package org.tribuozoo.cli;

import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuozoo.cli.pictures.ConfusionMatrixHeatMap;
import org.tribuozoo.cli.pictures.ImageGrid;
import org.tribuozoo.cli.pictures.Pictures;
import org.tribuozoo.cli.pictures.Tiles;
import org.tribuozoo.cli.pictures.TrainingCurves;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.ImageExamples;
import org.tribuozoo.tribuo.data.ImageLayout;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of a run folder and how each is written. A finished run folder holds all of them;
 * {@link RunFolder} makes sure no folder under the final name holds fewer.
 */
public final class RunFiles {

    /** The Tribuo model file (protobuf, weights inside): {@code ZooModel.load} reads it. */
    public static final String MODEL = "model.tribuo";
    /** The model's provenance as Tribuo JSON: {@code zoo reproduce} reads it. */
    public static final String PROVENANCE = "provenance.json";
    /** The command line that wrote the folder, and the folder it was run in ({@link ResumeRecord#commandFileText()}). */
    public static final String COMMAND = "command.txt";
    /** The evaluation report, as printed. */
    public static final String EVALUATION = "evaluation.txt";
    /** The model as ONNX, for deployment without Java. */
    static final String ONNX = "model.onnx";
    /** One row per epoch ({@link HistoryCsv}). */
    public static final String HISTORY = HistoryCsv.FILE_NAME;
    /** The wrongly predicted test examples, one row each. */
    static final String MISTAKES = "misclassified.csv";
    static final String CURVES = "training-curves.png";
    static final String CONFUSION = "confusion-matrix.png";
    static final String MISCLASSIFIED = "misclassified.png";

    /** At most this many wrong predictions are drawn (the CSV lists them all). */
    static final int MAX_DRAWN_MISTAKES = 36;

    private RunFiles() {
    }

    /** Every file name a finished run folder holds. */
    static List<String> all() {
        return List.of(MODEL, PROVENANCE, COMMAND, EVALUATION, HISTORY, ONNX, MISTAKES, CURVES, CONFUSION, MISCLASSIFIED);
    }

    /**
     * Writes every file of the run into the folder.
     *
     * @param run    the folder being written
     * @param model  the trained model
     * @param report its evaluation on the test data
     * @param command the command that wrote the folder
     */
    static void writeAll(RunFolder run, ZooModel model, EvaluationReport report, ResumeRecord command)
            throws IOException {
        model.serializeToFile(run.file(MODEL));
        ProvenanceJson.write(model.getProvenance(), run.file(PROVENANCE));
        Files.writeString(run.file(COMMAND), command.commandFileText());
        Files.writeString(run.file(EVALUATION), report.text());
        HistoryCsv.write(model.history(), run.file(HISTORY));
        ExportOnnxCommand.write(model, run.file(ONNX));
        Files.writeString(run.file(MISTAKES), mistakesCsv(report));
        String name = model.architecture().name();
        TrainingCurves.write(model.history(), name, run.file(CURVES));
        ConfusionMatrixHeatMap.write(report.labels(), counts(report),
                String.format(Locale.ROOT, "%s: confusion matrix (test accuracy %.4f)", name, report.accuracy()),
                run.file(CONFUSION));
        Pictures.writePng(misclassifiedGrid(model, report), run.file(MISCLASSIFIED));
    }

    private static String mistakesCsv(EvaluationReport report) {
        StringBuilder sb = new StringBuilder("index,label,predicted,score\n");
        for (EvaluationReport.Mistake m : report.mistakes()) {
            sb.append(m.index()).append(',').append(csv(m.label())).append(',').append(csv(m.predicted())).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", m.score())).append('\n');
        }
        return sb.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** {@code counts[t][p]}: test examples of true label {@code t} predicted as {@code p}, in the report's label order. */
    static long[][] counts(EvaluationReport report) {
        List<String> labels = report.labels();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        long[][] counts = new long[labels.size()][labels.size()];
        report.evaluation().getPredictions().forEach(p -> {
            Integer t = index.get(p.getExample().getOutput().getLabel());
            Integer q = index.get(p.getOutput().getLabel());
            if (t != null && q != null) {
                counts[t][q]++;
            }
        });
        return counts;
    }

    /** The first wrongly predicted test images, each captioned "label / predicted". */
    static BufferedImage misclassifiedGrid(ZooModel model, EvaluationReport report) {
        ImageLayout layout = model.imageLayout();
        List<EvaluationReport.Mistake> mistakes = report.mistakes();
        int shown = Math.min(MAX_DRAWN_MISTAKES, mistakes.size());
        String title = String.format(Locale.ROOT, "%s: %,d of %,d test images wrongly predicted%s (label / predicted)",
                model.architecture().name(), mistakes.size(), report.test().size(),
                shown < mistakes.size() ? ", first " + shown + " shown" : "");
        ImageGrid grid = new ImageGrid(title, 6);
        int scale = Tiles.scaleFor(layout.height(), layout.width(), 84);
        for (EvaluationReport.Mistake m : mistakes.subList(0, shown)) {
            grid.add(tile(report.example(m.index()), layout, scale), m.label() + " / " + m.predicted());
        }
        return grid.render("no test image was predicted wrongly");
    }

    /** A test example as a picture: raw 0..255 values, grey or colour; other channel counts show their first plane. */
    private static BufferedImage tile(Example<Label> example, ImageLayout layout, int scale) {
        float[] pixels = ImageExamples.pixels(example, layout);
        int c = layout.channels();
        if (c == 1 || c == 3) {
            return Tiles.image(pixels, 0, layout.height(), layout.width(), c, 0, 255, scale);
        }
        float[] first = new float[layout.pixels()];
        for (int i = 0; i < first.length; i++) {
            first[i] = pixels[i * c];
        }
        return Tiles.normalized(first, 0, layout.height(), layout.width(), 1, scale);
    }
}
