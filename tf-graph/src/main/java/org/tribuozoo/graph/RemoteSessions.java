package org.tribuozoo.graph;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.ConfigProto;

/**
 * The two things a distributed graph needs that TensorFlow Java 1.0.0's public API lacks, done through
 * its C API bindings: a session connected to a server ({@code TF_SetTarget}; Java's {@code Session}
 * constructors always make a local one), and a device given to an op after it was made
 * ({@code TF_SetRequestedDevice}; the gradient ops {@code Graph.addGradients} makes carry none).
 *
 * <p>Both need the graph's native handle and the first needs {@code Session}'s wrapping constructor,
 * which are package-private; they are reached by reflection, which works with TensorFlow Java on the
 * class path (its jars are not named modules there).
 */
final class RemoteSessions {

    private RemoteSessions() {
    }

    /**
     * A session on the graph whose master is the server at {@code target} ({@code grpc://host:port}).
     *
     * @throws org.tensorflow.exceptions.TensorFlowException if TensorFlow refuses the target or config
     */
    static Session open(Graph graph, String target, ConfigProto config) {
        NativeRuntime.failFastRemoteCalls();
        return withNativeGraph(graph, handle -> {
            try (PointerScope scope = new PointerScope()) {
                TF_Status status = TF_Status.newStatus();
                TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
                tensorflow.TF_SetTarget(options, target);
                BytePointer configBytes = new BytePointer(config.toByteArray());
                tensorflow.TF_SetConfig(options, configBytes, configBytes.capacity(), status);
                status.throwExceptionIfNotOK();
                TF_Session session = TF_Session.newSession(handle, options, status);
                status.throwExceptionIfNotOK();
                // Kept past the pointer scope: the Session owns it from here and releases it on close.
                session.retainReference();
                Constructor<Session> wrap = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
                wrap.setAccessible(true);
                return wrap.newInstance(graph, session);
            }
        });
    }

    /** Sets the device of an op of the graph that was made without one. */
    static void setDevice(Graph graph, GraphOperation op, String device) {
        withNativeGraph(graph, handle -> {
            try (BytePointer name = new BytePointer(device)) {
                tensorflow.TF_SetRequestedDevice(handle, op.getUnsafeNativeHandle(), name);
            }
            return null;
        });
    }

    /** What a native call on the graph needs, kept alive for the call. */
    private interface NativeGraphCall<T> {
        T apply(TF_Graph handle) throws Exception;
    }

    /**
     * Runs {@code call} with the graph's native handle, held by a reference for the call; failures of
     * the reflection that reaches it say which TensorFlow Java API is missing.
     */
    private static <T> T withNativeGraph(Graph graph, NativeGraphCall<T> call) {
        try (AutoCloseable ref = graphReference(graph)) {
            return call.apply(nativeHandle(ref));
        } catch (ReflectiveOperationException e) {
            throw unavailable(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code graph.ref()}: keeps the native graph alive until closed. */
    private static AutoCloseable graphReference(Graph graph) throws ReflectiveOperationException {
        Method ref = Graph.class.getDeclaredMethod("ref");
        ref.setAccessible(true);
        return (AutoCloseable) ref.invoke(graph);
    }

    private static TF_Graph nativeHandle(AutoCloseable reference) throws ReflectiveOperationException {
        Method handle = reference.getClass().getDeclaredMethod("nativeHandle");
        handle.setAccessible(true);
        return (TF_Graph) handle.invoke(reference);
    }

    private static IllegalStateException unavailable(ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException t ? t.getCause() : e;
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        return new IllegalStateException("this TensorFlow Java version does not offer what distributed training "
                + "needs (Graph.ref, Session(Graph, TF_Session)): " + cause, cause);
    }
}
