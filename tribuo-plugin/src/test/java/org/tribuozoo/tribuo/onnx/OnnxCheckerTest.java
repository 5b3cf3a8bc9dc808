package org.tribuozoo.tribuo.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every exported test network passes the ONNX project's own validator,
 * {@code onnx.checker.check_model(m, full_check=True)} (which also runs strict shape inference), with
 * the system Python. Skipped with a message where {@code /usr/bin/python3} has no {@code onnx} module
 * (Debian: {@code apt-get install python3-onnx}).
 */
class OnnxCheckerTest {

    private static final String PYTHON = "/usr/bin/python3";
    /** Checks each file named on the command line; prints one line per file, exits 1 on the first failure. */
    private static final String CHECK = String.join("\n",
            "import sys, onnx",
            "for path in sys.argv[1:]:",
            "    m = onnx.load(path)",
            "    onnx.checker.check_model(m, full_check=True)",
            "    print('ok', path)");

    @BeforeAll
    static void needsPythonOnnx() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is absent: ONNX checker test skipped");
        Result probe = run(List.of(PYTHON, "-c", "import onnx"));
        assumeTrue(probe.exitCode == 0, "the Python 'onnx' module is absent (apt-get install python3-onnx): "
                + "ONNX checker test skipped");
    }

    @Test
    void everyExportedNetworkPassesTheFullCheck(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", CHECK));
        for (TestNetworks.Case c : TestNetworks.all()) {
            Path file = dir.resolve(c.architecture().name() + ".onnx");
            Files.write(file, ArchitectureOnnx.export(c.architecture(),
                    TestNetworks.randomWeights(c.architecture(), 5), c.pixelScale(), c.pixelOffset(), true,
                    "org.tribuozoo.test", 1, Map.of()).toByteArray());
            command.add(file.toString());
        }
        Result result = run(command);
        assertEquals(0, result.exitCode, "onnx.checker rejected a model:\n" + result.output);
        assertEquals(TestNetworks.all().size(), result.output.lines().filter(l -> l.startsWith("ok ")).count(),
                result.output);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), output);
    }
}
