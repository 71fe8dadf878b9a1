package org.parallelworkbench.process.host.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.parallelworkbench.process.channel.Message;
import org.parallelworkbench.process.channel.MessageChannel;

/**
 * The engine's end of a channel to a {@link WorkerHost} in this JVM, over two pipes: what the host sends is read
 * on a thread of its own and waited for with a bound. Also counts the host's flushes.
 */
final class EngineSide implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final Pipe toWorker = Pipe.open();
    private final Pipe toEngine = Pipe.open();
    private final MessageChannel engine;
    private final MessageChannel worker;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final AtomicInteger workerFlushes = new AtomicInteger();

    EngineSide() throws IOException {
        engine = new MessageChannel(Channels.newInputStream(toEngine.source()), Channels.newOutputStream(toWorker.sink()),
                () -> {
                    toWorker.sink().close();
                    toEngine.source().close();
                });
        OutputStream countingFlushes = new FilterOutputStream(Channels.newOutputStream(toEngine.sink())) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                workerFlushes.incrementAndGet();
                super.flush();
            }
        };
        worker = new MessageChannel(Channels.newInputStream(toWorker.source()), countingFlushes, () -> {
            toWorker.source().close();
            toEngine.sink().close();
        });
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    received.add(engine.read());
                }
            } catch (IOException e) {
                received.add(e);
            }
        }, "Test engine reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The host's end. */
    MessageChannel workerChannel() {
        return worker;
    }

    int workerFlushes() {
        return workerFlushes.get();
    }

    void send(Message message) throws IOException {
        engine.send(message);
    }

    void execute(WorkUnitsBuilder units) throws IOException {
        send(new Message.Execute(units.build()));
    }

    /** The next message from the host; fails if none comes within {@link #WAIT}. */
    Message next() throws InterruptedException {
        Object next = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("The worker host sent nothing within " + WAIT.toMillis() + " ms");
        }
        if (next instanceof IOException e) {
            throw new AssertionError("The worker host's end closed", e);
        }
        return (Message) next;
    }

    <M extends Message> M next(Class<M> type) throws InterruptedException {
        return assertInstanceOf(type, next());
    }

    /** The messages already received, without waiting. */
    List<Object> receivedSoFar() {
        return List.copyOf(received);
    }

    /** Closes the engine's end: the host reads the end of the stream. */
    @Override
    public void close() throws IOException {
        engine.close();
    }

    /** Closes the host's end too. */
    void closeAll() throws IOException {
        engine.close();
        worker.close();
    }
}
