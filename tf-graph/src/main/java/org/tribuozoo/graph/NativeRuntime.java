package org.tribuozoo.graph;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Puts TensorFlow's native settings in the process environment before its library loads, and
 * reports them.
 *
 * <p>TensorFlow reads {@value #ONEDNN_VARIABLE} and {@value #LOG_LEVEL_VARIABLE} from the process
 * environment once, when its native library loads; setting them afterwards has no effect. Java
 * cannot change its own environment ({@code System.getenv} is a read-only copy), so this class calls
 * the C library's {@code setenv(3)} through JNA, which needs no JVM flag on any JDK. For each
 * variable the first of these wins:
 * <ol>
 *   <li>a system property of the variable's name ({@code -DTF_ENABLE_ONEDNN_OPTS=0});</li>
 *   <li>the variable in the environment the JVM started with;</li>
 *   <li>the library's default: oneDNN on ({@code 1}: on CPUs without AVX512-VNNI or AMX TensorFlow
 *       leaves it off, and convolution training is then several times slower) and errors only
 *       ({@code 2}: no INFO or WARNING lines from the native library).</li>
 * </ol>
 * {@link CompiledNetwork} calls {@link #prepare()} before it first touches TensorFlow; a program that
 * uses TensorFlow Java directly before that gets TensorFlow's own defaults.
 */
public final class NativeRuntime {

    private static final Logger LOG = Logger.getLogger(NativeRuntime.class.getName());

    /** The environment variable that switches TensorFlow's oneDNN kernels on. */
    public static final String ONEDNN_VARIABLE = "TF_ENABLE_ONEDNN_OPTS";
    /** The environment variable that sets TensorFlow's native log level (2 keeps errors only). */
    public static final String LOG_LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";

    /** What {@link #prepare()} left in the environment. */
    private static volatile NativeSettings settings;

    /** The intra-op thread count of the first session in this process; TensorFlow keeps that pool. */
    private static volatile int processIntraOpThreads;

    private NativeRuntime() {
    }

    /**
     * Records a session's intra-op thread count. TensorFlow sizes the CPU device's intra-op pool once
     * per process, from the first session's setting, and shares it with every later session (checked:
     * a network asking for 2 threads after one that asked for 1 trains exactly as with 1). A later,
     * different request is therefore logged when {@code warn} says it matters, since it has no effect.
     *
     * @param requested the count the network asks for
     * @param warn      whether to log a request that differs from the pool (an explicit setting, or an
     *                  automatic one that wanted more threads than the pool has)
     * @return the count that is in effect
     */
    static synchronized int claimIntraOpThreads(int requested, boolean warn) {
        if (processIntraOpThreads == 0) {
            processIntraOpThreads = requested;
        } else if (processIntraOpThreads != requested && warn) {
            LOG.warning("TensorFlow's intra-op pool of this process has " + processIntraOpThreads
                    + " threads (set by its first network); the request for " + requested
                    + " has no effect. Run such networks in separate processes.");
        }
        return processIntraOpThreads;
    }

    /**
     * The intra-op thread count in effect in this process.
     *
     * @return the count the first network of this process asked for; 0 before the first network
     */
    public static int intraOpThreadsInEffect() {
        return processIntraOpThreads;
    }

    /**
     * Puts both settings in the process environment unless they are there already; must run before
     * the first TensorFlow class touches the native library. Only the first call acts.
     *
     * @return each variable's value and where it came from
     */
    public static synchronized NativeSettings prepare() {
        if (settings == null) {
            settings = new NativeSettings(settle(ONEDNN_VARIABLE, "1"), settle(LOG_LEVEL_VARIABLE, "2"));
            LOG.fine(() -> "TensorFlow native settings: " + settings);
        }
        return settings;
    }

    /**
     * TensorFlow's distributed runtime reads {@value} when it first makes a remote call: {@code false}
     * (its default) makes a call to a dead task wait for it to come back, so a synchronous step hangs
     * forever; {@code true} fails the call at once with TensorFlow's {@code UnavailableError}.
     */
    static final String GRPC_FAIL_FAST_VARIABLE = "GRPC_FAIL_FAST";

    /**
     * Makes this process's remote calls fail at once when a task of a cluster is gone ({@value
     * #GRPC_FAIL_FAST_VARIABLE} {@code true}), unless a system property or the environment says
     * otherwise; before the first remote call.
     */
    static synchronized void failFastRemoteCalls() {
        settle(GRPC_FAIL_FAST_VARIABLE, "true");
    }

    private static NativeSettings.Setting settle(String variable, String libraryDefault) {
        String property = System.getProperty(variable);
        Optional<String> inherited = Optional.ofNullable(System.getenv(variable));
        if (property == null && inherited.isPresent()) {
            return new NativeSettings.Setting(variable, inherited, NativeSettings.Source.ENVIRONMENT);
        }
        String value = property != null ? property : libraryDefault;
        NativeSettings.Source source = property != null ? NativeSettings.Source.SYSTEM_PROPERTY
                : NativeSettings.Source.LIBRARY_DEFAULT;
        if (inherited.isPresent() && inherited.get().equals(value)) {
            return new NativeSettings.Setting(variable, inherited, source);
        }
        try {
            setenv(variable, value);
            return new NativeSettings.Setting(variable, Optional.of(value), source);
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("could not put " + variable + "=" + value + " in the process environment (" + e
                    + "); set it in the environment before starting Java" + (ONEDNN_VARIABLE.equals(variable)
                    ? " (without oneDNN, convolution training is several times slower on most CPUs)" : ""));
            return new NativeSettings.Setting(variable, inherited,
                    inherited.isPresent() ? NativeSettings.Source.ENVIRONMENT : NativeSettings.Source.NOT_SET);
        }
    }

    /** The C library's {@code setenv(name, value, 1)}, through JNA. */
    private static void setenv(String name, String value) {
        if (Platform.isWindows()) {
            throw new UnsupportedOperationException("Windows has no setenv");
        }
        Function setenv = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("setenv");
        int rc = setenv.invokeInt(new Object[] {name, value, 1});
        if (rc != 0) {
            throw new IllegalStateException("setenv returned " + rc);
        }
    }
}
