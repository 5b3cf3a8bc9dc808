package org.tribuozoo.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZooCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZooCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void summaryOfMnistCnnEndsWithTheThreeParameterLines() {
        Run r = run("summary", "mnist-cnn");
        assertEquals(0, r.code());
        String[] lines = r.out().split("\n");
        assertEquals("Total params: 3,156,098", lines[lines.length - 3]);
        assertEquals("Trainable params: 3,156,098", lines[lines.length - 2]);
        assertEquals("Non-trainable params: 0", lines[lines.length - 1]);
    }

    @Test
    void summaryJsonIsTheArchitectureJson() {
        Run r = run("summary", "--json", "lenet5");
        assertEquals(0, r.code());
        assertEquals(org.tribuozoo.zoo.ModelZoo.get("lenet5").architecture().toJson(), r.out());
    }

    @Test
    void listShowsEveryEntry() {
        Run r = run("list");
        assertEquals(0, r.code());
        for (String name : org.tribuozoo.zoo.ModelZoo.names()) {
            assertTrue(r.out().contains(name + " "), name);
        }
        assertTrue(r.out().matches("(?s).*alphago-policy-192\\s+19x19x48\\s+3,882,793 params.*"), r.out());
    }

    @Test
    void anUnknownNameExitsTwoWithOneLine() {
        Run r = run("summary", "no-such-net");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("zoo: unknown zoo model 'no-such-net'; run 'zoo list' to see them all", r.err().strip());
        assertTrue(run("summary", "lenet").err().contains("did you mean lenet5"));
    }

    @Test
    void aBadOptionExitsTwoWithOneLine() {
        Run r = run("summary", "--bogus", "lenet5");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Run missing = run("summary");
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run r = run("--verbose", "summary", "no-such-net");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("UnknownModelException"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        Run root = run("--help");
        assertEquals(0, root.code());
        for (String command : new String[] {"list", "summary", "train", "evaluate", "predict", "export-onnx",
                "import-keras", "reproduce", "resume", "visualize"}) {
            assertTrue(root.out().contains("  " + command + " "), command + " in " + root.out());
            Run help = run(command, "--help");
            assertEquals(0, help.code(), command + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: zoo " + command), help.out());
        }
        assertTrue(run("train", "--help").out().contains("--test-split=F"));
    }
}
