package org.tribuozoo.cli.report;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.NullConfiguredProvenance;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.tribuo.provenance.ModelProvenance;
import org.tribuozoo.cli.HistoryCsv;
import org.tribuozoo.cli.RunFiles;
import org.tribuozoo.cli.TrainCommand;
import org.tribuozoo.cli.UserException;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.training.EarlyStopping;
import org.tribuozoo.dsl.training.TrainingRecipe;
import org.tribuozoo.graph.NumericEnvironment;
import org.tribuozoo.tribuo.Experiment;
import org.tribuozoo.tribuo.NumericProvenance;
import org.tribuozoo.tribuo.ProvenanceJson;
import org.tribuozoo.tribuo.ZooTrainer;
import org.tribuozoo.zoo.ModelZoo;
import org.tribuozoo.zoo.ZooCatalog;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result of a finished {@code zoo train} run folder, every figure read from its files:
 * {@code provenance.json} (network, data specs, recipe, seed, threads, TensorFlow version),
 * {@code evaluation.txt} (wrong predictions, test loss), {@code history.csv} (epochs run,
 * training examples, seconds) and {@code command.txt} (the command; rebuilt from the provenance
 * for a folder written before zoo train recorded it).
 */
final class RunFolderResult {

    private static final Pattern WRONG = Pattern.compile("(?m)^wrong predictions: ([\\d,]+) of ([\\d,]+)$");
    private static final Pattern LOSS = Pattern.compile("(?m)^test loss \\(cross-entropy\\): (\\S+)$");
    /** An absolute path inside a data spec ({@code idx:/data/mnist:train}, {@code idx:/a.gz,/b.gz}). */
    private static final Pattern ABSOLUTE = Pattern.compile("(?<=^|[:,])/[^,:]+");

    private RunFolderResult() {
    }

    /**
     * Reads a run folder.
     *
     * @param folder the folder {@code zoo train --out} wrote
     * @throws UserException naming the folder when it is not a finished zoo train run folder, or a file is unreadable
     */
    static ResultRow read(Path folder) {
        requireRunFolder(folder);
        Path provenanceFile = folder.resolve(RunFiles.PROVENANCE);
        ModelProvenance provenance;
        ZooTrainer trainer;
        try {
            provenance = ProvenanceJson.read(provenanceFile);
            trainer = Experiment.trainerOf(provenance);
        } catch (IllegalArgumentException e) {
            throw new UserException(folder + " is not a zoo train run folder: " + e.getMessage(), e);
        }
        Map<String, Provenance> configured = trainer.getProvenance().getConfiguredParameters();
        Map<String, ? extends Provenance> run = provenance.getInstanceProvenance().getMap();
        String trainSpec = text(run, TrainCommand.TRAIN_DATA_KEY).orElseThrow(() -> new UserException(folder
                + " was not written by zoo train: " + provenanceFile + " records no " + TrainCommand.TRAIN_DATA_KEY));
        String testSpec = text(run, TrainCommand.TEST_DATA_KEY).orElse("");
        double testSplit = text(run, TrainCommand.TEST_SPLIT_KEY).map(Double::parseDouble).orElse(0.0);

        String evaluation = read(folder, RunFiles.EVALUATION);
        Matcher wrong = WRONG.matcher(evaluation);
        if (!wrong.find()) {
            throw new UserException(folder.resolve(RunFiles.EVALUATION) + " has no 'wrong predictions: W of N' line");
        }
        int wrongCount = count(wrong.group(1));
        int tested = count(wrong.group(2));
        Matcher loss = LOSS.matcher(evaluation);
        OptionalDouble testLoss = loss.find() ? OptionalDouble.of(Double.parseDouble(loss.group(1)))
                : OptionalDouble.empty();
        History history = History.read(folder.resolve(RunFiles.HISTORY));

        TrainingRecipe recipe = trainer.trainingRecipe();
        Optional<NumericEnvironment> environment = NumericProvenance.recorded(provenance);
        String network = text(configured, "model").orElseGet(() -> Architecture.fromJson(
                text(configured, "architectureJson").orElseThrow()).name());
        // --threads sets the inter-op count (and, before replicas, the intra-op count too).
        String threads = environment.map(e -> Integer.toString(e.interOpThreads()))
                .or(() -> text(configured, "interOpThreads")).orElse("");
        String command = recordedCommand(folder).orElseGet(() -> rebuiltCommand(folder, network, configured, trainSpec,
                testSpec, testSplit, recipe, trainer.seed(), threads));

        Map<String, String> group = new TreeMap<>();
        configured.forEach((k, v) -> {
            if (!k.equals("seed")) {
                group.put(k, v.toString());
            }
        });
        group.put("data", trainSpec + " | " + testSpec + " | " + testSplit);
        // The dataset the trainer was given holds the validation part too: the trainer splits it off.
        int validated = provenance.getDatasetProvenance().getNumExamples() - history.examples();
        return new ResultRow(environment.map(e -> "tf-graph (TensorFlow " + e.tensorflowVersion() + ")")
                .orElse("tf-graph"), network, data(trainSpec, testSpec, testSplit, history.examples(), validated,
                tested), epochs(history, recipe), Integer.toString(recipe.batchSize()),
                ZooCatalog.describe(recipe.optimizer()), trainer.seed(), threads, (tested - wrongCount) / (double) tested,
                wrongCount, OptionalInt.of(tested), testLoss, OptionalDouble.of(history.seconds()), command,
                "zoo train " + group);
    }

    private static void requireRunFolder(Path folder) {
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
        if (name.endsWith(org.tribuozoo.cli.RunFolder.PARTIAL_SUFFIX)) {
            throw new UserException(folder + " is an unfinished run (a " + org.tribuozoo.cli.RunFolder.PARTIAL_SUFFIX
                    + " folder): let it finish, or continue it with zoo resume, then report its run folder");
        }
        if (!Files.exists(folder)) {
            Path partial = org.tribuozoo.cli.RunFolder.partialOf(folder);
            throw new UserException(Files.isDirectory(partial) ? folder + " does not exist yet: " + partial
                    + " holds its unfinished run" : "run folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new UserException(folder + " is not a run folder: it is a file");
        }
        if (!Files.isRegularFile(folder.resolve(RunFiles.PROVENANCE))) {
            throw new UserException(folder + " is not a zoo train run folder: it has no " + RunFiles.PROVENANCE);
        }
    }

    private static String read(Path folder, String file) {
        Path path = folder.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new UserException("run folder " + folder + " has no " + file);
        }
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UserException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static int count(String digits) {
        return Integer.parseInt(digits.replace(",", ""));
    }

    private static Optional<String> text(Map<String, ? extends Provenance> map, String key) {
        return map.get(key) instanceof PrimitiveProvenance<?> p && p.getValue() != null
                ? Optional.of(p.getValue().toString()) : Optional.empty();
    }

    /** The data cell: the specs, with the number of examples that trained, validated and tested. */
    private static String data(String trainSpec, String testSpec, double testSplit, int trained,
                               int validated, int tested) {
        StringBuilder sb = new StringBuilder("`").append(shorter(trainSpec)).append("` (")
                .append(String.format(Locale.ROOT, "%,d", trained));
        if (validated > 0) {
            sb.append(String.format(Locale.ROOT, " + %,d validation", validated));
        }
        sb.append(") / ");
        if (testSplit > 0) {
            sb.append("its last ").append(testSplit);
        } else if (testSpec.isEmpty()) {
            sb.append("its test part");
        } else {
            sb.append('`').append(shorter(testSpec)).append('`');
        }
        return sb.append(String.format(Locale.ROOT, " (%,d)", tested)).toString();
    }

    /**
     * A spec with each absolute path written relative to the working folder when that is shorter,
     * as the commands of docs/results.md are run from the repository root.
     */
    static String shorter(String spec) {
        Path here = Path.of("").toAbsolutePath();
        Matcher m = ABSOLUTE.matcher(spec);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String relative = here.relativize(Path.of(m.group()).normalize()).toString();
            m.appendReplacement(sb, Matcher.quoteReplacement(relative.length() < m.group().length() ? relative
                    : m.group()));
        }
        return m.appendTail(sb).toString();
    }

    /** The epochs cell: the epochs run, and where early stopping ended them. */
    private static String epochs(History history, TrainingRecipe recipe) {
        int ran = history.epochs();
        Optional<EarlyStopping> stopping = recipe.earlyStopping();
        if (stopping.isEmpty() || ran >= recipe.epochs()) {
            return Integer.toString(ran);
        }
        EarlyStopping es = stopping.get();
        return String.format(Locale.ROOT, "%d of %d (early stopping on %s, patience %d; best epoch %d)", ran,
                recipe.epochs(), es.monitor().configName(), es.patience(), history.best(es.monitor(), es.minDelta()));
    }

    private static Optional<String> recordedCommand(Path folder) {
        Path file = folder.resolve(RunFiles.COMMAND);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return read(folder, RunFiles.COMMAND).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .reduce((a, b) -> b);
    }

    /** The zoo train command of a folder written before zoo train recorded its command, from the provenance. */
    private static String rebuiltCommand(Path folder, String network, Map<String, Provenance> configured,
                                         String trainSpec, String testSpec, double testSplit, TrainingRecipe recipe,
                                         long seed, String threads) {
        if (!configured.containsKey("model")) {
            return "(not recorded: a zoo train --from run; its provenance.json describes it)";
        }
        List<String> args = new ArrayList<>(List.of("./zoo", "train", network, "--train", shorter(trainSpec)));
        if (testSplit > 0) {
            args.addAll(List.of("--test-split", Double.toString(testSplit)));
        } else if (!testSpec.isEmpty()) {
            args.addAll(List.of("--test", shorter(testSpec)));
        }
        args.addAll(List.of("--epochs", Integer.toString(recipe.epochs()), "--batch-size",
                Integer.toString(recipe.batchSize()), "--seed", Long.toString(seed)));
        if (!threads.isEmpty()) {
            args.addAll(List.of("--threads", threads));
        }
        // A run recorded before replicas existed trained each batch in one pass.
        String replicas = text(configured, "replicas").orElse("1");
        if (!replicas.equals("0")) {
            args.addAll(List.of("--replicas", replicas));
        }
        if (recipe.validationSplit() > 0) {
            args.addAll(List.of("--validation-split", Double.toString(recipe.validationSplit())));
        }
        recipe.earlyStopping().ifPresent(es -> args.addAll(List.of("--early-stopping",
                Integer.toString(es.patience()), "--monitor", es.monitor().configName())));
        if (recipe.optimizer().learningRate() != ModelZoo.get(network).recipe().optimizer().learningRate()) {
            args.addAll(List.of("--learning-rate", Double.toString(recipe.optimizer().learningRate())));
        }
        // An unset component is recorded too, as a NullConfiguredProvenance: only a real one means --augment.
        if (configured.get("augmentation") instanceof ConfiguredObjectProvenance augmentation
                && !(augmentation instanceof NullConfiguredProvenance)) {
            args.add("--augment");
        }
        args.addAll(List.of("--out", shorter(folder.toAbsolutePath().normalize().toString())));
        return String.join(" ", args) + "   # rebuilt from provenance.json";
    }

    /**
     * The figures of {@code history.csv} the report needs.
     *
     * @param rows the rows, one per epoch
     */
    record History(List<CSVRecord> rows) {

        static History read(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new UserException("run folder " + file.getParent() + " has no " + file.getFileName());
            }
            try (Reader r = Files.newBufferedReader(file)) {
                List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(r).getRecords();
                if (rows.isEmpty() || !rows.get(0).isMapped("seconds") || !rows.get(0).isMapped("examples")) {
                    throw new UserException(file + " is not a history file (" + HistoryCsv.HEADER + ") with an epoch");
                }
                return new History(rows);
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        int epochs() {
            return rows.size();
        }

        int examples() {
            return Integer.parseInt(rows.get(0).get("examples"));
        }

        double seconds() {
            return rows.stream().mapToDouble(r -> Double.parseDouble(r.get("seconds"))).sum();
        }

        /** The epoch (from 1) with the best value of the monitored column; the first of equals, as Keras. */
        int best(EarlyStopping.Monitor monitor, double minDelta) {
            int best = 0;
            double bestValue = Double.NaN;
            double sign = monitor.higherIsBetter() ? 1 : -1;
            for (int i = 0; i < rows.size(); i++) {
                String cell = rows.get(i).get(monitor.configName());
                double v = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                // The training loop's rule (Keras's): better than the best so far by more than minDelta.
                if (Double.isNaN(bestValue) || sign * (v - bestValue) > minDelta) {
                    best = i;
                    bestValue = v;
                }
            }
            return Integer.parseInt(rows.get(best).get("epoch"));
        }
    }
}
