package org.tribuozoo.cli.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file server on 127.0.0.1 for the download tests: it serves byte arrays by name, honours
 * {@code Range: bytes=N-} with 206 (or ignores it, when told to), records every request, and can
 * misbehave on purpose: drop the connection part way through a body, or stall.
 */
final class TestHttpServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String path, String range) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private volatile int dropAfterBytes;
    private volatile boolean honourRange = true;
    private volatile int stallAfterBytes = -1;

    private TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Handlers on their own threads, so that a stalled response does not block the next request.
        server.setExecutor(executor);
        server.start();
    }

    static TestHttpServer start() throws IOException {
        return new TestHttpServer();
    }

    /** Serves {@code bytes} at {@code /name}. */
    TestHttpServer serve(String name, byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The next {@code times} responses send only their first {@code afterBytes} body bytes, then drop the connection. */
    void dropConnections(int times, int afterBytes) {
        dropAfterBytes = afterBytes;
        dropsLeft.set(times);
    }

    /** Answers ranged requests with the whole file (200), as servers without range support do. */
    void ignoreRanges() {
        honourRange = false;
    }

    /** Every response sends {@code afterBytes} body bytes and then nothing more until the server closes. */
    void stallAfter(int afterBytes) {
        stallAfterBytes = afterBytes;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(new Request(name, range));
        byte[] file = files.get(name);
        if (file == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int start = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (honourRange && m != null && m.matches()) {
            start = Integer.parseInt(m.group(1));
            if (start >= file.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + file.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (file.length - 1) + "/" + file.length);
        }
        byte[] body = Arrays.copyOfRange(file, start, file.length);
        exchange.sendResponseHeaders(start > 0 ? 206 : 200, body.length);
        OutputStream out = exchange.getResponseBody();
        if (dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            out.write(body, 0, Math.min(dropAfterBytes, body.length));
            out.flush();
            // An exception out of a handler makes the server close the connection: the client sees it drop.
            throw new IOException("connection dropped on purpose");
        }
        if (stallAfterBytes >= 0) {
            out.write(body, 0, Math.min(stallAfterBytes, body.length));
            out.flush();
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stalled on purpose");
        }
        out.write(body);
        out.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
