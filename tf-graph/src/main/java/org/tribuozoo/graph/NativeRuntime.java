package org.tribuozoo.graph;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts TensorFlow's native settings in effect before its library loads, and reports what happened.
 *
 * <p>TensorFlow reads {@code TF_ENABLE_ONEDNN_OPTS} and {@code TF_CPP_MIN_LOG_LEVEL} from the process
 * environment once, when {@code libtensorflow_cc} loads. On AVX2-only CPUs oneDNN is off unless the
 * variable says otherwise, and turning it on makes convolution training about 2.5x faster. Java
 * cannot change its own process environment, so this class tries, in order:
 * <ol>
 *   <li>nothing, when the variable is already in the environment (the user's shell, a launcher, or
 *       surefire's {@code environmentVariables} set it);</li>
 *   <li>{@code setenv(3)} through the JDK 17 incubating foreign linker, which works when the JVM runs
 *       with {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED};</li>
 *   <li>otherwise it logs once how to turn oneDNN on, and TensorFlow runs with its own default.</li>
 * </ol>
 * Reflection keeps the foreign API optional: this class compiles and runs without the incubator module.
 */
public final class NativeRuntime {

    private static final Logger LOG = Logger.getLogger(NativeRuntime.class.getName());

    /** The environment variable that switches TensorFlow's oneDNN kernels on. */
    public static final String ONEDNN_VARIABLE = "TF_ENABLE_ONEDNN_OPTS";
    /** The environment variable that sets TensorFlow's native log level (2 keeps errors only). */
    public static final String LOG_LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";

    /** What {@link #prepare()} found or did, one line per variable. */
    private static volatile Map<String, String> outcome;

    /** The intra-op thread count of the first session in this process; TensorFlow keeps that pool. */
    private static volatile int processIntraOpThreads;

    private NativeRuntime() {
    }

    /**
     * Records a session's intra-op thread count. TensorFlow sizes the CPU device's intra-op pool once
     * per process, from the first session's setting, and shares it with every later session (checked:
     * a network asking for 2 threads after one that asked for 1 trains exactly as with 1). A later,
     * different request is therefore logged, since it has no effect.
     *
     * @return the count that is in effect
     */
    static synchronized int claimIntraOpThreads(int requested) {
        if (processIntraOpThreads == 0) {
            processIntraOpThreads = requested;
        } else if (processIntraOpThreads != requested) {
            LOG.warning("TensorFlow's intra-op pool of this process has " + processIntraOpThreads
                    + " threads (set by its first network); the request for " + requested
                    + " has no effect. Run such networks in separate processes.");
        }
        return processIntraOpThreads;
    }

    /** The intra-op thread count in effect in this process, 0 before the first network. */
    public static int intraOpThreadsInEffect() {
        return processIntraOpThreads;
    }

    /**
     * Sets the native environment if nobody has yet; must run before the first TensorFlow class
     * touches the native library. Safe to call many times: only the first call acts.
     *
     * @return what was done for each variable
     */
    public static synchronized Map<String, String> prepare() {
        if (outcome == null) {
            Map<String, String> done = new LinkedHashMap<>();
            done.put(ONEDNN_VARIABLE, ensure(ONEDNN_VARIABLE, "1"));
            // 2 silences INFO and WARNING lines such as the CPU-feature banner; errors still print.
            done.put(LOG_LEVEL_VARIABLE, ensure(LOG_LEVEL_VARIABLE, "2"));
            outcome = Map.copyOf(done);
            LOG.fine(() -> "TensorFlow native environment: " + done);
        }
        return outcome;
    }

    /** True when oneDNN was requested, either by the environment or in-process before loading. */
    public static boolean oneDnnRequested() {
        String how = prepare().get(ONEDNN_VARIABLE);
        return how.startsWith("set in-process") || "1".equals(System.getenv(ONEDNN_VARIABLE))
                || "true".equalsIgnoreCase(System.getenv(ONEDNN_VARIABLE));
    }

    private static String ensure(String name, String value) {
        String existing = System.getenv(name);
        if (existing != null) {
            return "from environment: " + existing;
        }
        try {
            setenv(name, value);
            return "set in-process: " + value;
        } catch (Throwable e) {
            if (ONEDNN_VARIABLE.equals(name)) {
                LOG.log(Level.INFO, "TensorFlow runs without oneDNN (about 2.5x slower convolution training on AVX2 "
                        + "CPUs): export " + ONEDNN_VARIABLE + "=1 before starting Java, or run Java with "
                        + "--add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED ("
                        + e.getClass().getSimpleName() + ")");
            }
            return "not set: " + e;
        }
    }

    /** Calls libc's setenv through {@code jdk.incubator.foreign} (JDK 17) by reflection. */
    private static void setenv(String name, String value) throws Throwable {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        Class<?> linkerClass = Class.forName("jdk.incubator.foreign.CLinker", true, loader);
        Class<?> addressClass = Class.forName("jdk.incubator.foreign.MemoryAddress", true, loader);
        Class<?> segmentClass = Class.forName("jdk.incubator.foreign.MemorySegment", true, loader);
        Class<?> scopeClass = Class.forName("jdk.incubator.foreign.ResourceScope", true, loader);
        Class<?> descriptorClass = Class.forName("jdk.incubator.foreign.FunctionDescriptor", true, loader);
        Class<?> layoutClass = Class.forName("jdk.incubator.foreign.MemoryLayout", true, loader);
        Class<?> symbolLookupClass = Class.forName("jdk.incubator.foreign.SymbolLookup", true, loader);
        Class<?> addressableClass = Class.forName("jdk.incubator.foreign.Addressable", true, loader);

        Object linker = linkerClass.getMethod("getInstance").invoke(null);
        Object lookup = linkerClass.getMethod("systemLookup").invoke(null);
        Object symbol = ((java.util.Optional<?>) symbolLookupClass.getMethod("lookup", String.class)
                .invoke(lookup, "setenv")).orElseThrow(() -> new IllegalStateException("libc has no setenv"));
        Object cInt = linkerClass.getField("C_INT").get(null);
        Object cPointer = linkerClass.getField("C_POINTER").get(null);
        Object layouts = java.lang.reflect.Array.newInstance(layoutClass, 3);
        java.lang.reflect.Array.set(layouts, 0, cPointer);
        java.lang.reflect.Array.set(layouts, 1, cPointer);
        java.lang.reflect.Array.set(layouts, 2, cInt);
        Object descriptor = descriptorClass.getMethod("of", layoutClass, layouts.getClass())
                .invoke(null, cInt, layouts);
        MethodType type = MethodType.methodType(int.class, addressClass, addressClass, int.class);
        MethodHandle handle = (MethodHandle) linkerClass
                .getMethod("downcallHandle", addressableClass, MethodType.class, descriptorClass)
                .invoke(linker, symbol, type, descriptor);
        Object scope = scopeClass.getMethod("newConfinedScope").invoke(null);
        try {
            Method toCString = linkerClass.getMethod("toCString", String.class, scopeClass);
            Method address = segmentClass.getMethod("address");
            Object key = address.invoke(toCString.invoke(null, name, scope));
            Object val = address.invoke(toCString.invoke(null, value, scope));
            int rc = (int) handle.invokeWithArguments(key, val, 1);
            if (rc != 0) {
                throw new IllegalStateException("setenv returned " + rc);
            }
        } finally {
            ((AutoCloseable) scope).close();
        }
    }
}
