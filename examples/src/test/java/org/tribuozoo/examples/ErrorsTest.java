package org.tribuozoo.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuozoo.tribuo.data.Cifar10DataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Missing data and bad flags: one line on standard error and exit code 2, never a stack trace. */
class ErrorsTest {

    /** Runs an example with standard error captured; returns {exit code, standard error}. */
    static Object[] run(Common.Program program, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Common.execute(program, args);
            return new Object[] {code, err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(saved);
        }
    }

    static void assertOneLine(Object[] result, String... expectedParts) {
        assertEquals(2, result[0]);
        String err = (String) result[1];
        assertEquals(1, err.strip().lines().count(), err);
        for (String part : expectedParts) {
            assertTrue(err.contains(part), part + " in " + err);
        }
    }

    @Test
    void missingDataIsOneLineAndExitCode2(@TempDir Path tmp) {
        String none = tmp.resolve("nothing-here").toString();
        assertOneLine(run(new LeNet5(), "--data", none), "MNIST not found");
        assertOneLine(run(new FashionMnistCnn(), "--data", none), "Fashion-MNIST not found");
        assertOneLine(run(new TribuoQuickstart(), "--data", none), "MNIST not found");
        assertOneLine(run(new Cifar10()), "CIFAR-10 is not in ../shared/data");
        assertOneLine(run(new Cifar10(), "--data", none), "CIFAR-10 folder not found");
        assertOneLine(run(new CatsVsDogs(), "--data", none), "image folder not found");
        assertOneLine(run(new TransferLearning(), "--data=" + none), "MNIST not found");
    }

    @Test
    void badFlagsAreOneLineAndExitCode2() {
        assertOneLine(run(new LeNet5(), "--epoch", "3"), "Unknown option", "'--epoch'", "(did you mean --epochs?)");
        assertOneLine(run(new LeNet5(), "--epochs", "many"), "'--epochs': needs a whole number, got 'many'");
        assertOneLine(run(new LeNet5(), "--epochs", "0"), "'--epochs': must be at least 1, got 0");
        assertOneLine(run(new LeNet5(), "--epochs"), "Missing required parameter for option '--epochs'");
        assertOneLine(run(new TransferLearning(), "--out", "x"), "Unknown option", "'--out'");
        assertOneLine(run(new Cifar10(), "--model", "lenet5", "--synthetic"), "--model must be one of");
    }

    @Test
    void syntheticCifarFilesAreReadableCifar10(@TempDir Path tmp) throws Exception {
        Cifar10.writeSynthetic(tmp, 20, 10, 7);
        Cifar10DataSource train = Cifar10DataSource.training(tmp);
        Cifar10DataSource test = Cifar10DataSource.test(tmp);
        assertEquals(100, train.size());
        assertEquals(10, test.size());
        List<String> labels = new java.util.ArrayList<>();
        test.forEach(e -> labels.add(e.getOutput().getLabel()));
        assertEquals(Cifar10.CLASSES, labels, "class names from batches.meta.txt, one image of each class");
    }
}
