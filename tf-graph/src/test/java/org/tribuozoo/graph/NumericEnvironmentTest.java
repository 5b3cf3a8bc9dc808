package org.tribuozoo.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numeric environment: what differs is named, and the CPU's extensions are read from cpuinfo. */
class NumericEnvironmentTest {

    private static final NumericEnvironment RECORDED = new NumericEnvironment(false, "2.16.2", 2, 2, 1,
            "avx2 fma avx sse4_2");

    @Test
    void theSameEnvironmentHasNoDifference() {
        assertEquals(List.of(), new NumericEnvironment(false, "2.16.2", 2, 2, 1, "avx2 fma avx sse4_2")
                .differencesFrom(RECORDED));
    }

    @Test
    void everyDifferingSettingIsNamedWithBothValues() {
        NumericEnvironment now = new NumericEnvironment(true, "2.18.0", 4, 1, 2, "avx512f avx2 fma avx sse4_2");
        assertEquals(List.of("oneDNN on (recorded: off)", "TensorFlow 2.18.0 (recorded: 2.16.2)",
                "intra-op threads 4 (recorded: 2)", "inter-op threads 1 (recorded: 2)", "replicas 2 (recorded: 1)",
                "CPU instructions avx512f avx2 fma avx sse4_2 (recorded: avx2 fma avx sse4_2)"),
                now.differencesFrom(RECORDED));
    }

    @Test
    void cpuinfoFlagsGiveTheInstructionSetAndTensorFlowsOneDnnDefault(@TempDir Path dir) throws Exception {
        Path avx2 = dir.resolve("avx2");
        Files.writeString(avx2, "processor\t: 0\nflags\t\t: fpu sse sse2 sse4_1 sse4_2 avx avx2 fma bmi2\n\n"
                + "processor\t: 1\nflags\t\t: fpu sse sse2 sse4_1 sse4_2 avx avx2 fma bmi2\n");
        CpuFeatures plain = new CpuFeatures(CpuFeatures.read(avx2));
        assertEquals("avx2 fma avx sse4_2", plain.instructionSet());
        assertFalse(plain.oneDnnByDefault(), "TensorFlow leaves oneDNN off without neural-network instructions");

        Path vnni = dir.resolve("vnni");
        Files.writeString(vnni, "flags\t\t: sse4_2 avx avx2 fma avx512f avx512_vnni avx512_bf16\n");
        CpuFeatures server = new CpuFeatures(CpuFeatures.read(vnni));
        assertEquals("avx512f avx512_vnni avx512_bf16 avx2 fma avx sse4_2", server.instructionSet());
        assertTrue(server.oneDnnByDefault());

        assertEquals(Set.of(), CpuFeatures.read(dir.resolve("absent")));
        assertEquals("unknown", new CpuFeatures(Set.of()).instructionSet());
    }

    @Test
    void oneDnnIsDecidedAsTensorFlowReadsTheVariable() {
        assertTrue(settings("1").oneDnnEnabled());
        assertTrue(settings("TRUE").oneDnnEnabled());
        assertFalse(settings("0").oneDnnEnabled());
        assertFalse(settings("false").oneDnnEnabled());
        boolean cpuDefault = CpuFeatures.local().oneDnnByDefault();
        assertEquals(cpuDefault, settings(null).oneDnnEnabled(), "unset: TensorFlow's default for this CPU");
        assertEquals(cpuDefault, settings("yes").oneDnnEnabled(), "not a boolean TensorFlow reads: its default");
    }

    private static NativeSettings settings(String oneDnn) {
        return new NativeSettings(new NativeSettings.Setting(NativeRuntime.ONEDNN_VARIABLE,
                java.util.Optional.ofNullable(oneDnn), NativeSettings.Source.ENVIRONMENT),
                new NativeSettings.Setting(NativeRuntime.LOG_LEVEL_VARIABLE, java.util.Optional.of("2"),
                        NativeSettings.Source.ENVIRONMENT));
    }
}
