package org.tribuozoo.cli.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.tribuozoo.cli.UserException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Results trained elsewhere (PyTorch reference runs), one CSV row each, with the header
 * {@value #HEADER}: {@code test_accuracy} a fraction, {@code test_loss} the mean cross-entropy,
 * {@code wrong} the test examples predicted wrongly, {@code seconds} the training time, and
 * {@code command} the command line that produced the row. {@code bench/pytorch/mnist_reference.py}
 * writes such files. Rows of one framework, network and epoch count differ only by seed.
 */
final class ReferenceCsv {

    static final String HEADER = "framework,network,seed,epochs,test_accuracy,test_loss,wrong,seconds,command";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));

    private ReferenceCsv() {
    }

    /**
     * Reads a reference file.
     *
     * @throws UserException naming the file, and the line, when it is missing or not in this format
     */
    static List<ResultRow> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("reference file " + file + " does not exist");
        }
        try (Reader r = Files.newBufferedReader(file)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
            if (!parser.getHeaderNames().containsAll(COLUMNS)) {
                throw new UserException("reference file " + file + " does not have the columns " + HEADER);
            }
            List<ResultRow> rows = new ArrayList<>();
            for (CSVRecord c : parser) {
                rows.add(row(file, c));
            }
            return rows;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserException("cannot read reference file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ResultRow row(Path file, CSVRecord c) {
        try {
            String framework = c.get("framework");
            String network = c.get("network");
            String epochs = c.get("epochs");
            Integer.parseInt(epochs);
            return new ResultRow(framework, network, "", epochs, "", "", Long.parseLong(c.get("seed")), "",
                    Double.parseDouble(c.get("test_accuracy")), Integer.parseInt(c.get("wrong")), OptionalInt.empty(),
                    optional(c.get("test_loss")), optional(c.get("seconds")), c.get("command"),
                    "reference " + framework + " | " + network + " | " + epochs);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserException("reference file " + file + ", row " + c.getRecordNumber()
                    + ": " + e.getMessage(), e);
        }
    }

    private static OptionalDouble optional(String cell) {
        return cell.isBlank() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(cell));
    }
}
