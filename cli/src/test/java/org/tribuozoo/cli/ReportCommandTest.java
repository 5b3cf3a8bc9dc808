package org.tribuozoo.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zoo report} on real run folders written by {@code zoo train}: two seeds of one recipe on a
 * tiny generated IDX set and one run on the demo data, each row checked against the run's own
 * files, the seed summary against a hand computation, a marked section replaced without touching
 * the text around it, and the errors.
 */
class ReportCommandTest {

    @TempDir
    static Path tmp;

    static Path seed1;
    static Path seed2;
    static Path demo;

    @BeforeAll
    static void train() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        IdxFiles.writePair(data, "train", 240, 28, 28, 1);
        IdxFiles.writePair(data, "t10k", 60, 28, 28, 2);
        seed1 = tmp.resolve("lenet5-s1");
        seed2 = tmp.resolve("lenet5-s2");
        demo = tmp.resolve("demo-s3");
        for (Path out : List.of(seed1, seed2)) {
            trained("train", "lenet5", "--train", "idx:" + data + ":train", "--test", "idx:" + data + ":t10k",
                    "--epochs", "2", "--batch-size", "16", "--threads", "1", "--seed",
                    out == seed1 ? "1" : "2", "--out", out.toString());
        }
        trained("train", "lenet5", "--train", "demo", "--epochs", "1", "--batch-size", "256", "--threads", "1",
                "--seed", "3", "--validation-split", "0.1", "--out", demo.toString());
    }

    private static void trained(String... args) {
        ZooCommandTest.Run r = ZooCommandTest.run(args);
        assertEquals(0, r.code(), r.err());
    }

    /** The table's rows, each as its cells. */
    private static List<String[]> rows(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| # "))
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split(" \\| ", -1)).map(String::strip)
                        .toArray(String[]::new)).toList();
    }

    private static String report(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        ZooCommandTest.Run r = ZooCommandTest.run(all);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    private static Matcher find(String regex, Path file) throws IOException {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(file));
        assertTrue(m.find(), regex + " in " + file);
        return m;
    }

    private static double accuracy(Path run) throws IOException {
        Matcher wrong = find("^wrong predictions: ([\\d,]+) of ([\\d,]+)$", run.resolve(RunFiles.EVALUATION));
        int n = Integer.parseInt(wrong.group(2).replace(",", ""));
        return (n - Integer.parseInt(wrong.group(1).replace(",", ""))) / (double) n;
    }

    @Test
    void eachRowHoldsTheFiguresOfItsRunFiles() throws IOException {
        List<String[]> rows = rows(report(seed1.toString(), demo.toString(), seed2.toString()));
        // The two seeds of one recipe first (grouped), their summary, then the demo run.
        assertEquals(4, rows.size(), rows.toString());
        String[] row = rows.get(0);
        assertEquals("1", row[0]);
        assertTrue(row[1].startsWith("tf-graph (TensorFlow "), row[1]);
        assertEquals("`lenet5`", row[2]);
        assertTrue(row[3].contains(":train` (240) / `") && row[3].endsWith(":t10k` (60)"), row[3]);
        assertEquals("2", row[4]);
        assertEquals("16", row[5]);
        assertEquals("adam lr 0.001", row[6]);
        assertEquals("1", row[7]);
        // The thread count in effect, as recorded (TensorFlow's pool is the JVM's: an earlier test may have set it).
        assertEquals(String.valueOf(org.tribuozoo.tribuo.NumericProvenance.recorded(org.tribuozoo.tribuo.ProvenanceJson
                .read(seed1.resolve(RunFiles.PROVENANCE))).orElseThrow().intraOpThreads()), row[8]);
        assertEquals(String.format(Locale.ROOT, "%.2f%%", 100 * accuracy(seed1)), row[9]);
        assertEquals(find("^test loss \\(cross-entropy\\): (\\S+)$", seed1.resolve(RunFiles.EVALUATION)).group(1),
                row[10]);
        Matcher wrong = find("^wrong predictions: (\\d+) of (\\d+)$", seed1.resolve(RunFiles.EVALUATION));
        assertEquals(wrong.group(1) + " of " + wrong.group(2), row[11]);
        double seconds = Files.readAllLines(seed1.resolve(RunFiles.HISTORY)).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[6])).sum();
        assertEquals(String.format(Locale.ROOT, seconds < 10 ? "%.1f s" : "%,.0f s", seconds), row[12]);
        assertEquals("2", rows.get(1)[7], "the second seed's row next to the first");

        String[] demoRow = rows.get(3);
        assertEquals("3", demoRow[0], "the summary row takes no number");
        assertEquals("`demo` (5,400 + 600 validation) / its test part (1,000)", demoRow[3]);
        assertEquals("1", demoRow[4]);
        assertEquals("3", demoRow[7]);
        assertEquals(String.format(Locale.ROOT, "%.2f%%", 100 * accuracy(demo)), demoRow[9]);
    }

    @Test
    void theSeedsOfOneRecipeGetTheirMeanAndSampleStandardDeviation() throws IOException {
        String[] summary = rows(report(seed1.toString(), seed2.toString())).get(2);
        double a = 100 * accuracy(seed1);
        double b = 100 * accuracy(seed2);
        // Two values: mean (a + b) / 2, sample sd |a - b| / sqrt(2).
        assertEquals("1–2", summary[0]);
        assertEquals("1, 2", summary[7]);
        assertEquals(String.format(Locale.ROOT, "**%.2f%% ± %.2f** (n = 2)", (a + b) / 2,
                Math.abs(a - b) / Math.sqrt(2)), summary[9]);
    }

    @Test
    void theCommandsUnderTheTableAreTheRecordedOnesAndReproduceTheRun() throws IOException {
        String out = report(seed1.toString(), demo.toString());
        List<String> command = Files.readAllLines(seed1.resolve(RunFiles.COMMAND));
        assertEquals("# run in " + Path.of("").toAbsolutePath(), command.get(0));
        assertTrue(command.get(1).startsWith("./zoo train lenet5 --train idx:") && command.get(1).endsWith(
                "--seed 1 --out " + seed1), command.get(1));
        assertTrue(out.contains("```bash\n# 1\n" + command.get(1) + "\n# 2\n./zoo train lenet5 --train demo "
                + "--epochs 1 --batch-size 256 --threads 1 --seed 3 --validation-split 0.1 --out " + demo + "\n```\n"),
                out);
    }

    @Test
    void aFolderWithoutItsCommandGetsOneRebuiltFromTheProvenance() throws IOException {
        Path old = tmp.resolve("old-run");
        Files.createDirectories(old);
        try (var files = Files.list(seed1)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(RunFiles.COMMAND)) {
                    Files.copy(f, old.resolve(f.getFileName()));
                }
            }
        }
        String line = report(old.toString()).lines().filter(l -> l.startsWith("./zoo train")).findFirst()
                .orElseThrow();
        assertTrue(line.endsWith("   # rebuilt from provenance.json"), line);
        List<String> rebuilt = Arrays.asList(line.replace("   # rebuilt from provenance.json", "").split(" "));
        // Every option the recorded command gave is there with its value; nothing the run did not use (no
        // --augment: an unset augmentation is recorded as a null component, not as augmentation).
        List<String> recorded = Arrays.asList(Files.readAllLines(seed1.resolve(RunFiles.COMMAND)).get(1).split(" "));
        for (String option : List.of("--epochs", "--batch-size", "--seed", "--threads")) {
            assertEquals(recorded.get(recorded.indexOf(option) + 1), rebuilt.get(rebuilt.indexOf(option) + 1), option);
        }
        assertFalse(rebuilt.contains("--augment"), line);
        assertFalse(rebuilt.contains("--replicas"), line);

        // The same folder as a version before replicas wrote it (no replicas entry): one pass per batch.
        Path provenance = old.resolve(RunFiles.PROVENANCE);
        String older = Files.readString(provenance).replaceAll("\"replicas\" : \\{[^{}]*\\},\\s*", "");
        Files.writeString(provenance, older);
        String olderLine = report(old.toString()).lines().filter(l -> l.startsWith("./zoo train")).findFirst()
                .orElseThrow();
        assertTrue(olderLine.contains(" --replicas 1 "), olderLine);
    }

    @Test
    void referenceRowsSitNextToTheRunsOfTheirNetworkWithTheirOwnSpread() throws IOException {
        Path csv = tmp.resolve("pytorch.csv");
        Files.writeString(csv, "framework,network,seed,epochs,test_accuracy,test_loss,wrong,seconds,command\n"
                + "pytorch-1.13.0,lenet5,1,30,0.9887,0.0402,113,512.4,/usr/bin/python3 ref.py --seed 1\n"
                + "pytorch-1.13.0,lenet5,2,30,0.9901,0.0388,99,498.0,\"/usr/bin/python3 ref.py --seed 2, again\"\n"
                + "pytorch-1.13.0,lenet5,3,30,0.9895,0.0390,105,505.1,/usr/bin/python3 ref.py --seed 3\n");
        String out = report(seed1.toString(), "--reference", csv.toString());
        List<String[]> rows = rows(out);
        assertEquals(5, rows.size(), out);
        String[] first = rows.get(1);
        assertEquals("pytorch-1.13.0", first[1]);
        assertEquals("98.87%", first[9]);
        assertEquals("0.0402", first[10]);
        assertEquals("113", first[11]);
        assertEquals("512 s", first[12]);
        // By hand: mean (98.87 + 99.01 + 98.95) / 3 = 98.9433; deviations -0.0733, 0.0667, 0.0067;
        // squares 0.005378 + 0.004444 + 0.000044 = 0.009867; / 2 = 0.004933; sqrt = 0.0702.
        assertEquals("**98.94% ± 0.07** (n = 3)", rows.get(4)[9]);
        assertEquals("105.7", rows.get(4)[11], "(113 + 99 + 105) / 3 wrong");
        assertTrue(out.contains("# 3\n/usr/bin/python3 ref.py --seed 2, again\n"), out);
    }

    @Test
    void aSectionIsReplacedAndEveryByteAroundItKept() throws IOException {
        Path doc = tmp.resolve("results.md");
        String before = "# Results\n\nHand-written text, é ü ✓, kept.\n\n<!-- zoo report: mnist -->\n";
        String after = "<!-- /zoo report -->\n\nMore text.\r\n<!-- zoo report: other -->\nother table\n"
                + "<!-- /zoo report -->\n";
        Files.writeString(doc, before + "an old table\n" + after, StandardCharsets.UTF_8);
        ZooCommandTest.Run r = ZooCommandTest.run("report", seed1.toString(), "--out", doc.toString(), "--section",
                "mnist", "--title", "MNIST");
        assertEquals(0, r.code(), r.err());
        byte[] text = Files.readAllBytes(doc);
        String written = new String(text, StandardCharsets.UTF_8);
        assertTrue(written.startsWith(before), written);
        assertTrue(written.endsWith(after), written);
        String block = written.substring(before.length(), written.length() - after.length());
        assertEquals(report(seed1.toString(), "--title", "MNIST").replaceFirst("Generated by `.*`",
                ""), block.replaceFirst("Generated by `.*`", ""));
        assertTrue(block.startsWith("### MNIST\n\n| # |"), block);
        ZooCommandTest.run("report", seed1.toString(), "--out", doc.toString(), "--section", "mnist", "--title",
                "MNIST");
        assertArrayEquals(text, Files.readAllBytes(doc), "running it again changes nothing");
    }

    @Test
    void missingOrUnbalancedMarkersAreRefusedAndTheFileKept() throws IOException {
        Path doc = tmp.resolve("unmarked.md");
        for (String text : List.of("no markers\n", "<!-- zoo report: mnist -->\nunclosed\n",
                "<!-- zoo report: mnist -->\n<!-- zoo report: other -->\n<!-- /zoo report -->\n",
                "<!-- zoo report: mnist -->\n<!-- /zoo report -->\n<!-- zoo report: mnist -->\n<!-- /zoo report -->\n")) {
            Files.writeString(doc, text);
            String err = failsWithOneLine("report", seed1.toString(), "--out", doc.toString(), "--section", "mnist");
            assertTrue(err.contains(doc.toString()) && err.contains("<!-- zoo report: mnist -->"), err);
            assertEquals(text, Files.readString(doc));
        }
    }

    @Test
    void aFolderThatIsNoFinishedRunFolderIsNamed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(failsWithOneLine("report", empty.toString()).contains(empty + " is not a zoo train run folder: it "
                + "has no provenance.json"));
        Path partial = Files.createDirectories(tmp.resolve("killed.partial"));
        assertTrue(failsWithOneLine("report", partial.toString()).contains(partial + " is an unfinished run"));
        assertTrue(failsWithOneLine("report", tmp.resolve("killed").toString()).contains(partial
                + " holds its unfinished run"));
        assertTrue(failsWithOneLine("report", tmp.resolve("nothing").toString()).contains("run folder "
                + tmp.resolve("nothing") + " does not exist"));
        Path incomplete = Files.createDirectories(tmp.resolve("incomplete"));
        Files.copy(seed1.resolve(RunFiles.PROVENANCE), incomplete.resolve(RunFiles.PROVENANCE));
        Files.copy(seed1.resolve(RunFiles.HISTORY), incomplete.resolve(RunFiles.HISTORY));
        assertTrue(failsWithOneLine("report", seed1.toString(), incomplete.toString()).contains("run folder "
                + incomplete + " has no evaluation.txt"));
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "framework,network,seed\npytorch,lenet5,1\n");
        assertTrue(failsWithOneLine("report", "--reference", csv.toString()).contains("reference file " + csv
                + " does not have the columns framework,network,seed,epochs"));
    }

    private static String failsWithOneLine(String... args) {
        ZooCommandTest.Run r = ZooCommandTest.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        return r.err();
    }
}
