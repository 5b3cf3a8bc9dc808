package org.tribuozoo.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tribuo.Dataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuozoo.tribuo.ZooModel;

/**
 * The file of {@code zoo evaluate --predictions}: a header of the model's label names in output order,
 * then one row per test example in data order holding the model's score for each label (probabilities,
 * or an imported model's outputs as they are), as Java prints a float, exactly. Labels with commas or
 * quotes are quoted (RFC 4180, by commons-csv); rows end in {@code \n}.
 */
final class PredictionsCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private PredictionsCsv() {
    }

    static void write(ZooModel model, Dataset<Label> data, Path file) throws IOException {
        List<String> labels = model.labels();
        List<Prediction<Label>> predictions = model.predict(data);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
            csv.printRecord(labels);
            List<String> row = new ArrayList<>(labels.size());
            for (Prediction<Label> p : predictions) {
                Map<String, Label> scores = p.getOutputScores();
                row.clear();
                for (String label : labels) {
                    row.add(Float.toString((float) scores.get(label).getScore()));
                }
                csv.printRecord(row);
            }
        }
    }
}
