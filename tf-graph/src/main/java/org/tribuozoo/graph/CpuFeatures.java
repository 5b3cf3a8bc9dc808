package org.tribuozoo.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instruction-set extensions of this machine's CPU that decide which native kernels
 * TensorFlow and oneDNN pick, and so the last bits of a trained model: read from the kernel's
 * {@code /proc/cpuinfo} (Linux). Elsewhere nothing is known and the set is empty.
 */
final class CpuFeatures {

    /**
     * The extensions worth recording, widest first: x86 vector, fused multiply-add and
     * neural-network instructions, and ARM's vector extensions.
     */
    private static final List<String> RELEVANT = List.of("amx_tile", "amx_int8", "amx_bf16", "avx512f",
            "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "avx2", "fma", "avx", "sse4_2",
            "sve2", "sve", "i8mm", "bf16", "asimd");

    /** The ones with which TensorFlow 2.16 turns oneDNN on by default on Linux (its {@code DefaultOneDnnPolicy}). */
    private static final List<String> ONEDNN_BY_DEFAULT = List.of("avx512_vnni", "avx512_bf16", "avx_vnni",
            "amx_tile", "amx_int8", "amx_bf16");

    private static volatile CpuFeatures local;

    private final Set<String> flags;

    CpuFeatures(Set<String> flags) {
        this.flags = Set.copyOf(flags);
    }

    /** This machine's, read once. */
    static CpuFeatures local() {
        if (local == null) {
            local = new CpuFeatures(read(Path.of("/proc/cpuinfo")));
        }
        return local;
    }

    /** The flags of the first processor listed ({@code flags} on x86, {@code Features} on ARM); none if unreadable. */
    static Set<String> read(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) {
            return Set.of();
        }
        try (var lines = Files.lines(cpuinfo, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                    .filter(l -> l.indexOf(':') > 0).findFirst()
                    .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT).split("\\s+"))
                            .collect(Collectors.toSet()))
                    .orElse(Set.of());
        } catch (IOException | UncheckedIOException e) {
            return Set.of();
        }
    }

    /** True when TensorFlow turns oneDNN on by itself on this CPU (Linux builds). */
    boolean oneDnnByDefault() {
        return ONEDNN_BY_DEFAULT.stream().anyMatch(flags::contains);
    }

    /** The relevant extensions present, widest first, space-separated; {@code unknown} when none could be read. */
    String instructionSet() {
        String present = RELEVANT.stream().filter(flags::contains).collect(Collectors.joining(" "));
        return present.isEmpty() ? "unknown" : present;
    }
}
