package org.tribuozoo.graph;

import java.util.Locale;
import java.util.Optional;

/**
 * The two settings TensorFlow's native library reads from the process environment, as
 * {@link NativeRuntime#prepare()} left them: each one's value and where it came from.
 *
 * @param oneDnn   {@value NativeRuntime#ONEDNN_VARIABLE}: TensorFlow's oneDNN kernels
 * @param logLevel {@value NativeRuntime#LOG_LEVEL_VARIABLE}: the lowest severity of TensorFlow's native
 *                 log lines (2 keeps errors only)
 */
public record NativeSettings(Setting oneDnn, Setting logLevel) {

    /** Where a value came from, the first that applies. */
    public enum Source {
        /** A system property of the variable's name ({@code -DTF_ENABLE_ONEDNN_OPTS=0}), put in the environment. */
        SYSTEM_PROPERTY,
        /** The process environment, as the JVM was started. */
        ENVIRONMENT,
        /** The library's default, put in the environment. */
        LIBRARY_DEFAULT,
        /** Nothing: the variable could not be set, so TensorFlow uses its own default. */
        NOT_SET
    }

    /**
     * One variable.
     *
     * @param variable the environment variable's name
     * @param value    what TensorFlow reads; empty when the variable is not set
     * @param source   where the value came from
     */
    public record Setting(String variable, Optional<String> value, Source source) {
        @Override
        public String toString() {
            return variable + "=" + value.orElse("(unset)") + " (" + source.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + ")";
        }
    }

    /**
     * Whether TensorFlow runs its oneDNN kernels, decided as TensorFlow 2.16 decides it: {@code 1} or
     * {@code true} turn them on, {@code 0} or {@code false} off (either case); otherwise (unset, or any
     * other value) TensorFlow's Linux default applies, which is on only for CPUs with neural-network
     * instructions (AVX512-VNNI, AVX512-BF16, AVX-VNNI or AMX).
     *
     * @return true when TensorFlow runs, or will run, its oneDNN kernels in this process
     */
    public boolean oneDnnEnabled() {
        Optional<Boolean> explicit = oneDnn.value().map(v -> v.toLowerCase(Locale.ROOT)).flatMap(v -> switch (v) {
            case "1", "true" -> Optional.of(true);
            case "0", "false" -> Optional.of(false);
            default -> Optional.empty();
        });
        return explicit.orElseGet(() -> CpuFeatures.local().oneDnnByDefault());
    }

    @Override
    public String toString() {
        return oneDnn + ", " + logLevel + ", oneDNN " + (oneDnnEnabled() ? "on" : "off");
    }
}
