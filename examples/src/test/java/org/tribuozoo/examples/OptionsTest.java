package org.tribuozoo.examples;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each example's picocli command takes exactly its flags, and --help lists them. */
class OptionsTest {

    /** Every example and its flags besides --help and --verbose. */
    static Map<Common.Program, Set<String>> examples() {
        Map<Common.Program, Set<String>> m = new LinkedHashMap<>();
        m.put(new TribuoQuickstart(), Set.of("--full", "--epochs", "--data", "--out"));
        m.put(new FashionMnistCnn(), Set.of("--full", "--epochs", "--data", "--out"));
        m.put(new MnistCnnMistakes(), Set.of("--full", "--epochs", "--data", "--out"));
        m.put(new LeNet5(), Set.of("--full", "--epochs", "--data", "--out"));
        m.put(new Cifar10(), Set.of("--model", "--full", "--epochs", "--data", "--synthetic", "--out"));
        m.put(new CatsVsDogs(), Set.of("--epochs", "--data", "--per-class", "--out"));
        m.put(new SaveLoadContinue(), Set.of("--epochs", "--data", "--out"));
        m.put(new Augmented(), Set.of("--full", "--epochs", "--data", "--demo", "--out"));
        m.put(new FiltersAndFeatureMaps(), Set.of("--epochs", "--layer", "--image", "--data", "--out"));
        m.put(new TransferLearning(), Set.of("--epochs", "--data"));
        return m;
    }

    @Test
    void helpListsExactlyTheExamplesFlagsAndExitsZero() {
        for (Map.Entry<Common.Program, Set<String>> e : examples().entrySet()) {
            String name = e.getKey().getClass().getSimpleName();
            PrintStream saved = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = Common.execute(e.getKey(), "--help");
            } finally {
                System.setOut(saved);
            }
            String help = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, name);
            assertTrue(help.startsWith("Usage: " + name + " "), help);
            Set<String> listed = new TreeSet<>();
            for (String flag : help.split("[\\s\\[\\]=,]+")) {
                if (flag.startsWith("--")) {
                    listed.add(flag);
                }
            }
            Set<String> expected = new TreeSet<>(e.getValue());
            expected.add("--help");
            expected.add("--verbose");
            assertEquals(expected, listed, name + ":\n" + help);
        }
    }

    @Test
    void sharedOptionsReachTheirMixins() {
        LeNet5 lenet = new LeNet5();
        new CommandLine(lenet).parseArgs("--full", "--epochs=3", "--out", "somewhere", "--data", "mnist");
        assertTrue(lenet.full);
        assertEquals(3, lenet.epochs.or(5));
        assertEquals(Path.of("somewhere"), lenet.out.dir);
        assertEquals(Path.of("mnist"), lenet.mnist.dir);

        LeNet5 defaults = new LeNet5();
        new CommandLine(defaults).parseArgs();
        assertEquals(5, defaults.epochs.or(5), "without --epochs, the example's own default");
        assertEquals(null, defaults.out.dir);

        FiltersAndFeatureMaps maps = new FiltersAndFeatureMaps();
        new CommandLine(maps).parseArgs("--image", "7", "--layer", "conv2d_2");
        assertEquals(7, maps.imageIndex);
        assertEquals("conv2d_2", maps.only);
        assertEquals(2, maps.epochs.or(2));
    }
}
