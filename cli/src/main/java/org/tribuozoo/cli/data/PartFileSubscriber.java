package org.tribuozoo.cli.data;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Writes a response body into a {@code .part} file as it arrives, so that whatever was received
 * before the connection failed stays on disk for the next request to resume from. It also notes
 * when data last arrived: the HTTP client has no read timeout, so {@link Download} aborts a
 * transfer that has gone quiet through {@link #abort}.
 */
final class PartFileSubscriber implements HttpResponse.BodySubscriber<Long> {

    private final FileChannel channel;
    private final long startOffset;
    private final LongConsumer progress;
    private final CompletableFuture<Long> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;
    private volatile long lastDataNanos = System.nanoTime();

    private PartFileSubscriber(FileChannel channel, long startOffset, LongConsumer progress) {
        this.channel = channel;
        this.startOffset = startOffset;
        this.progress = progress;
    }

    /**
     * A subscriber appending to {@code part} (a resumed download, {@code startOffset} its size) or,
     * with {@code startOffset} 0, replacing its contents.
     *
     * @param progress told the file's size after every write
     */
    static PartFileSubscriber open(Path part, long startOffset, LongConsumer progress) throws IOException {
        FileChannel channel = startOffset > 0
                ? FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new PartFileSubscriber(channel, startOffset, progress);
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (body.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long size;
        synchronized (this) {
            if (body.isDone()) {
                return;
            }
            try {
                for (ByteBuffer b : buffers) {
                    while (b.hasRemaining()) {
                        received += channel.write(b);
                    }
                }
            } catch (IOException e) {
                subscription.cancel();
                fail(e);
                return;
            }
            lastDataNanos = System.nanoTime();
            size = startOffset + received;
        }
        progress.accept(size);
        subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable t) {
        fail(t);
    }

    @Override
    public synchronized void onComplete() {
        try {
            channel.close();
            body.complete(received);
        } catch (IOException e) {
            body.completeExceptionally(e);
        }
    }

    @Override
    public CompletionStage<Long> getBody() {
        return body;
    }

    /** Bytes written to the file by this response so far. */
    synchronized long received() {
        return received;
    }

    /** Nanoseconds since data last arrived (or since the response started). */
    long quietNanos() {
        return System.nanoTime() - lastDataNanos;
    }

    /** Stops the transfer: the connection is dropped, the file keeps what it has, the body fails with {@code why}. */
    synchronized void abort(IOException why) {
        if (subscription != null) {
            subscription.cancel();
        }
        fail(why);
    }

    private void fail(Throwable t) {
        try {
            channel.close();
        } catch (IOException e) {
            t.addSuppressed(e);
        }
        body.completeExceptionally(t);
    }
}
