package org.tribuozoo.cli;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zoo train} end to end on a tiny generated IDX set, then {@code evaluate}, {@code predict},
 * {@code visualize} and {@code reproduce} on the run folder it wrote.
 */
class TrainEndToEndTest {

    @TempDir
    static Path tmp;

    static Path data;
    static Path runDir;
    static ZooCommandTest.Run train;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = tmp.resolve("data");
        Files.createDirectories(data);
        IdxFiles.writePair(data, "train", 240, 28, 28, 1);
        IdxFiles.writePair(data, "t10k", 60, 28, 28, 2);
        runDir = tmp.resolve("run");
        train = ZooCommandTest.run("train", "lenet5", "--train", "idx:" + data + ":train", "--test",
                "idx:" + data + ":t10k", "--epochs", "2", "--batch-size", "16", "--seed", "7", "--threads", "2",
                "--validation-split", "0.25", "--out", runDir.toString());
    }

    @Test
    void trainingEndsWithTheAccuracyLineAndLearnsTheEasyProblem() {
        assertEquals(0, train.code(), train.err());
        List<String> lines = train.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("test accuracy: \\d\\.\\d{4}"), last);
        assertTrue(Double.parseDouble(last.substring("test accuracy: ".length())) > 0.9, train.out());
        assertTrue(train.out().contains("Confusion matrix"), train.out());
        assertTrue(train.out().contains("Accuracy"), "Tribuo's LabelEvaluation report: " + train.out());
        assertTrue(train.err().contains("epoch 1: loss"), "a progress line per epoch: " + train.err());
        assertTrue(train.err().contains("epoch 2: loss"), train.err());
    }

    @Test
    void theRunFolderHoldsEveryFileAndNoPartialFolderIsLeft() throws IOException {
        for (String name : RunFiles.all()) {
            assertTrue(Files.isRegularFile(runDir.resolve(name)), name);
            assertTrue(Files.size(runDir.resolve(name)) > 0, name);
        }
        assertFalse(Files.exists(tmp.resolve("run" + RunFolder.PARTIAL_SUFFIX)));
        String evaluation = Files.readString(runDir.resolve(RunFiles.EVALUATION));
        assertTrue(evaluation.strip().endsWith(train.out().strip().lines().reduce((a, b) -> b).orElseThrow()),
                evaluation);
        assertTrue(Files.readString(runDir.resolve(RunFiles.PROVENANCE)).contains("lenet5"));
    }

    @Test
    void historyHasOneRowPerEpochWithValidationColumns() throws IOException {
        List<String> rows = Files.readAllLines(runDir.resolve(RunFiles.HISTORY));
        assertEquals(HistoryCsv.HEADER, rows.get(0));
        assertEquals(3, rows.size(), rows.toString());
        for (int e = 1; e <= 2; e++) {
            String[] cells = rows.get(e).split(",", -1);
            assertEquals(8, cells.length, rows.get(e));
            assertEquals(Integer.toString(e), cells[0]);
            for (int c = 1; c < 8; c++) {
                assertTrue(Double.parseDouble(cells[c]) >= 0, rows.get(e));
            }
            assertEquals("180", cells[7], "the 75% of 240 images that train, the rest validate");
        }
    }

    @Test
    void thePicturesArePngsOfAPlausibleSize() throws IOException {
        for (String name : List.of(RunFiles.CURVES, RunFiles.CONFUSION, RunFiles.MISCLASSIFIED)) {
            BufferedImage image = ImageIO.read(runDir.resolve(name).toFile());
            assertNotNull(image, name);
            assertTrue(image.getWidth() >= 200 && image.getHeight() >= 60, name + " " + image.getWidth() + "x"
                    + image.getHeight());
        }
        BufferedImage curves = ImageIO.read(runDir.resolve(RunFiles.CURVES).toFile());
        assertTrue(curves.getWidth() > curves.getHeight(), "two panels side by side");
    }

    @Test
    void theOnnxFilesTakeFlatPixelRowsAndGiveOneProbabilityPerLabel() throws IOException {
        Path exported = tmp.resolve("again.onnx");
        ZooCommandTest.Run r = ZooCommandTest.run("export-onnx", runDir.resolve(RunFiles.MODEL).toString(),
                exported.toString());
        assertEquals(0, r.code(), r.err());
        for (Path file : List.of(runDir.resolve(RunFiles.ONNX), exported)) {
            OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
            OnnxMl.ValueInfoProto in = m.getGraph().getInput(0);
            OnnxMl.ValueInfoProto out = m.getGraph().getOutput(0);
            assertEquals(784, in.getType().getTensorType().getShape().getDim(1).getDimValue(), file.toString());
            assertEquals(3, out.getType().getTensorType().getShape().getDim(1).getDimValue(), file.toString());
            assertTrue(m.getMetadataPropsList().stream().anyMatch(p -> p.getValue().contains("lenet5")),
                    "provenance in the metadata of " + file);
        }
        assertFalse(Files.exists(tmp.resolve("again.onnx.tmp")));
    }

    @Test
    void evaluateReprintsTheSameAccuracyFromTheModelFile() {
        ZooCommandTest.Run r = ZooCommandTest.run("evaluate", runDir.resolve(RunFiles.MODEL).toString(), "--test",
                "idx:" + data + ":t10k");
        assertEquals(0, r.code(), r.err());
        assertEquals(lastLine(train.out()), lastLine(r.out()));
        assertTrue(r.out().contains("Confusion matrix"), r.out());
    }

    @Test
    void predictGivesTheTopLabelsOfAnImageFile() throws IOException {
        // A class-1 image (bright square bottom right), larger than the network's input: it is resized.
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = IdxFiles.image(1, 56, 56, new Random(3));
        img.getRaster().setDataElements(0, 0, 56, 56, px);
        Path file = tmp.resolve("one.png");
        ImageIO.write(img, "png", file.toFile());
        ZooCommandTest.Run r = ZooCommandTest.run("predict", runDir.resolve(RunFiles.MODEL).toString(),
                file.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(file.toString(), lines.get(0));
        assertEquals(4, lines.size(), "three labels (fewer than five exist): " + r.out());
        assertTrue(lines.get(1).strip().startsWith("1 "), "the bright square bottom right is class 1: " + r.out());
        double sum = 0;
        for (String l : lines.subList(1, 4)) {
            sum += Double.parseDouble(l.strip().split("\\s+")[1]);
        }
        assertEquals(1.0, sum, 1e-3);
    }

    @Test
    void visualizeDrawsFiltersAndFeatureMaps() throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, 28, 28, IdxFiles.image(2, 28, 28, new Random(4)));
        Path file = tmp.resolve("bar.png");
        ImageIO.write(img, "png", file.toFile());
        Path out = tmp.resolve("vis");
        ZooCommandTest.Run r = ZooCommandTest.run("visualize", runDir.resolve(RunFiles.MODEL).toString(),
                "--layer", "conv2d_1", "--image", file.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage filters = ImageIO.read(out.resolve("conv2d_1-filters.png").toFile());
        BufferedImage maps = ImageIO.read(out.resolve("conv2d_1-feature-maps.png").toFile());
        assertNotNull(filters);
        assertNotNull(maps);
        assertTrue(maps.getWidth() > 6 * 28, "the input and six maps: " + maps.getWidth());

        ZooCommandTest.Run notConv = ZooCommandTest.run("visualize", runDir.resolve(RunFiles.MODEL).toString(),
                "--layer", "dense_1", "--out", out.toString());
        assertEquals(2, notConv.code());
        assertTrue(notConv.err().contains("not a convolution"), notConv.err());
    }

    @Test
    void reproduceRetrainsBitIdentically() {
        ZooCommandTest.Run r = ZooCommandTest.run("reproduce", runDir.resolve(RunFiles.PROVENANCE).toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("identical: all 60 test predictions"), r.out());
        assertFalse(r.err().contains("numeric environment"), "the same environment: " + r.err());
    }

    @Test
    void reproduceSaysWhichPartOfTheNumericEnvironmentDiffersBeforeComparing() throws IOException {
        Path elsewhere = tmp.resolve("recorded-elsewhere");
        Files.createDirectories(elsewhere);
        Files.copy(runDir.resolve(RunFiles.MODEL), elsewhere.resolve(RunFiles.MODEL));
        // As if trained under another TensorFlow: the recorded version in the run provenance changed.
        String json = Files.readString(runDir.resolve(RunFiles.PROVENANCE));
        String edited = json.replaceFirst("(?<head>\"key\" : \"tensorflow-version\",\\s*\"value\" : \")[^\"]*\"",
                "${head}0.0.0\"");
        assertNotEquals(json, edited);
        Files.writeString(elsewhere.resolve(RunFiles.PROVENANCE), edited);

        ZooCommandTest.Run r = ZooCommandTest.run("reproduce", elsewhere.resolve(RunFiles.PROVENANCE).toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String line = r.err().lines().filter(l -> l.contains("numeric environment")).findFirst().orElse("");
        assertTrue(line.matches("warning: the numeric environment differs from the recorded run's: TensorFlow "
                + "\\d+\\.\\d+\\.\\d+ \\(recorded: 0\\.0\\.0\\); the numbers may then differ from the "
                + "recorded model's"), r.err());
        assertTrue(r.err().indexOf(line) < r.err().indexOf("lenet5 epoch 1"), "said before retraining: " + r.err());
    }

    /**
     * A small PNG whose header is rewritten to declare width x height pixels: refused from its
     * header, as the probe's 1.5 MB file of 40000x40000 black pixels is.
     */
    private static Path pngDeclaring(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", bytes);
        byte[] png = bytes.toByteArray();
        // After the 8-byte signature: the IHDR chunk's length, "IHDR", width, height, ..., its CRC at 29.
        ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return Files.write(file, png);
    }

    @Test
    void predictAndVisualizeRefuseAnImageOfTooManyPixelsInOneLine() throws IOException {
        Path huge = pngDeclaring(tmp.resolve("huge.png"), 40000, 40000);
        String expected = "zoo: cannot read image " + huge + ": image of 40000x40000 pixels, more than the limit of "
                + "134,217,728 pixels (system property tribuozoo.limits.imagePixels)";
        ZooCommandTest.Run predict = ZooCommandTest.run("predict", runDir.resolve(RunFiles.MODEL).toString(),
                huge.toString());
        assertEquals(2, predict.code(), predict.err());
        assertEquals(expected, predict.err().strip());
        ZooCommandTest.Run visualize = ZooCommandTest.run("visualize", runDir.resolve(RunFiles.MODEL).toString(),
                "--layer", "conv2d_1", "--image", huge.toString(), "--out", tmp.resolve("vis-huge").toString());
        assertEquals(2, visualize.code(), visualize.err());
        assertEquals(expected, visualize.err().strip());
    }

    @Test
    void anOversizedImageInAFolderIsSkippedAndCounted() throws IOException {
        Path folder = tmp.resolve("folder");
        for (int i = 0; i < 6; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, 28, 28, IdxFiles.image(i, 28, 28, new Random(i)));
            Path file = folder.resolve(Integer.toString(IdxFiles.label(i))).resolve(i + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        }
        pngDeclaring(folder.resolve("0/huge.png"), 40000, 40000);
        ZooCommandTest.Run r = ZooCommandTest.run("evaluate", runDir.resolve(RunFiles.MODEL).toString(), "--test",
                "folder:" + folder);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("read 6 images of 28x28x1 in 3 classes from " + folder + "; skipped 1 file"), r.err());
        assertTrue(r.err().contains("0/huge.png: image of 40000x40000 pixels, more than the limit"), r.err());
    }

    private static String lastLine(String s) {
        List<String> lines = s.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }
}
