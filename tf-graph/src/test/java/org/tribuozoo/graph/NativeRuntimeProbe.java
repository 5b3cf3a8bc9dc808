package org.tribuozoo.graph;

/**
 * Run in a fresh JVM by {@link NativeRuntimeFreshJvmTest}: reports what {@link NativeRuntime} put
 * in the environment, trains a small CNN (which loads TensorFlow) and prints its weights' digest.
 */
public final class NativeRuntimeProbe {

    private NativeRuntimeProbe() {
    }

    public static void main(String[] args) throws Exception {
        NativeSettings settings = NativeRuntime.prepare();
        System.out.println("ONEDNN " + settings.oneDnn().value().orElse("-") + " " + settings.oneDnn().source());
        System.out.println("LOGLEVEL " + settings.logLevel().value().orElse("-") + " " + settings.logLevel().source());
        System.out.println("ENABLED " + settings.oneDnnEnabled());
        System.out.println("HASH " + DeterminismProbe.trainAndHash(1, 1));
        System.out.println("ENVIRONMENT " + NumericEnvironment.current(new Parallelism(1, 1, 1)));
    }
}
