package org.parallelworkbench.process.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;

/**
 * {@link Message}s as length-prefixed frames: a 4-byte length, then that many bytes, of which the first tells
 * the message's kind. Numbers are big-endian; a string is its UTF-8 length as 4 bytes, then the bytes.
 * <p>
 * Written by hand rather than with a serialization library: nine message kinds of strings and numbers take a
 * page here, where a library would add a schema compiler or a reflective codec (and a bundle) to both JVMs.
 * <p>
 * Threading: one thread reads; any number may write, each frame written whole under this channel's write
 * lock. Writes are buffered until {@link #flush()} (or {@link #send}), so a batch of answers costs one
 * system call.
 */
public final class MessageChannel implements Closeable {

    /** Spoken by both sides; a worker process of another version is refused. */
    public static final int PROTOCOL_VERSION = 1;
    /** The largest frame read; anything larger means the stream is not this protocol. */
    public static final int MAX_FRAME_BYTES = 256 * 1024 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;

    private static final byte HELLO = 1;
    private static final byte READY = 2;
    private static final byte UNAVAILABLE = 3;
    private static final byte EXECUTE = 4;
    private static final byte COMPLETED = 5;
    private static final byte FAILED = 6;
    private static final byte CANCEL = 7;
    private static final byte IDLE = 8;
    private static final byte SHUTDOWN = 9;

    private final DataInputStream in;
    private final OutputStream out;
    private final Closeable resource;
    /** Guarded by itself: the frame being written. */
    private final FrameBuffer frame = new FrameBuffer();

    /**
     * @param resource closed by {@link #close()}, which ends a blocked {@link #read()} (e.g. the socket)
     */
    public MessageChannel(InputStream in, OutputStream out, Closeable resource) {
        this.in = new DataInputStream(new BufferedInputStream(in, BUFFER_BYTES));
        this.out = new BufferedOutputStream(out, BUFFER_BYTES);
        this.resource = resource;
    }

    /**
     * A channel over a connected socket. The thread that reads must not be interrupted: an interrupt closes a
     * socket channel.
     */
    public static MessageChannel over(SocketChannel socket) {
        return new MessageChannel(Channels.newInputStream(socket), Channels.newOutputStream(socket), socket);
    }

    /**
     * The next message; blocks until one arrives.
     *
     * @throws EOFException at the end of the stream (the peer closed it or died)
     * @throws IOException  when reading fails or the frame is not a message of this protocol
     */
    public Message read() throws IOException {
        int length = in.readInt();
        if (length < 1 || length > MAX_FRAME_BYTES) {
            throw new IOException("Not a frame of the worker protocol: length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte kind = buffer.get();
        try {
            Message message = decode(kind, buffer);
            if (buffer.hasRemaining()) {
                throw new IOException("Frame of kind " + kind + " has " + buffer.remaining() + " bytes too many");
            }
            return message;
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("Malformed frame of kind " + kind + ": " + e, e);
        }
    }

    /** Queues one message; see {@link #flush()}. */
    public void write(Message message) throws IOException {
        synchronized (frame) {
            frame.reset();
            encode(message, frame);
            frame.writeTo(out);
        }
    }

    /** Sends what was written. */
    public void flush() throws IOException {
        synchronized (frame) {
            out.flush();
        }
    }

    /** {@link #write} and {@link #flush}. */
    public void send(Message message) throws IOException {
        synchronized (frame) {
            write(message);
            out.flush();
        }
    }

    /** Closes the underlying resource; a blocked {@link #read()} ends with an exception. */
    @Override
    public void close() throws IOException {
        resource.close();
    }

    private static void encode(Message message, FrameBuffer frame) {
        switch (message) {
        case Message.Hello hello -> frame.put(HELLO).putInt(hello.protocolVersion()).putLong(hello.pid());
        case Message.Ready ready -> frame.put(READY).putString(ready.providerId()).putString(ready.providerVersion());
        case Message.Unavailable unavailable -> frame.put(UNAVAILABLE).putString(unavailable.reason());
        case Message.Execute execute -> {
            frame.put(EXECUTE).putInt(execute.units().size());
            for (WorkUnit unit : execute.units()) {
                frame.putLong(unit.index()).putInt(unit.data().size());
                unit.data().forEach((key, value) -> frame.putString(key).putString(value));
            }
        }
        case Message.Completed completed -> frame.put(COMPLETED).putLong(completed.result().unitIndex())
                .putString(completed.result().value());
        case Message.Failed failed -> frame.put(FAILED).putLong(failed.unitIndex()).putString(failed.exceptionType())
                .putString(failed.message()).putString(failed.stackTrace());
        case Message.Cancel cancel -> frame.put(CANCEL);
        case Message.Idle idle -> frame.put(IDLE);
        case Message.Shutdown shutdown -> frame.put(SHUTDOWN);
        }
    }

    private static Message decode(byte kind, ByteBuffer buffer) throws IOException {
        return switch (kind) {
        case HELLO -> new Message.Hello(buffer.getInt(), buffer.getLong());
        case READY -> new Message.Ready(string(buffer), string(buffer));
        case UNAVAILABLE -> new Message.Unavailable(string(buffer));
        case EXECUTE -> {
            int count = count(buffer);
            List<WorkUnit> units = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long index = buffer.getLong();
                int pairs = count(buffer);
                Map<String, String> data = HashMap.newHashMap(pairs);
                for (int p = 0; p < pairs; p++) {
                    data.put(string(buffer), string(buffer));
                }
                units.add(new WorkUnit(index, data));
            }
            yield new Message.Execute(units);
        }
        case COMPLETED -> new Message.Completed(new UnitResult(buffer.getLong(), string(buffer)));
        case FAILED -> new Message.Failed(buffer.getLong(), string(buffer), string(buffer), string(buffer));
        case CANCEL -> new Message.Cancel();
        case IDLE -> new Message.Idle();
        case SHUTDOWN -> new Message.Shutdown();
        default -> throw new IOException("Unknown frame kind " + kind);
        };
    }

    /** A count that fits in what is left of the frame (each item takes at least one byte). */
    private static int count(ByteBuffer buffer) throws IOException {
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining()) {
            throw new IOException("Count " + count + " does not fit in the frame");
        }
        return count;
    }

    private static String string(ByteBuffer buffer) throws IOException {
        int length = count(buffer);
        String text = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return text;
    }

    /** A growable frame: space for the length first, filled in by {@link #writeTo}. */
    private static final class FrameBuffer {

        private ByteBuffer buffer = ByteBuffer.allocate(4096);

        void reset() {
            if (buffer.capacity() > 1024 * 1024) {
                buffer = ByteBuffer.allocate(4096); // do not keep a huge frame's buffer
            }
            buffer.clear();
            buffer.putInt(0);
        }

        FrameBuffer put(byte value) {
            ensure(1).put(value);
            return this;
        }

        FrameBuffer putInt(int value) {
            ensure(4).putInt(value);
            return this;
        }

        FrameBuffer putLong(long value) {
            ensure(8).putLong(value);
            return this;
        }

        FrameBuffer putString(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            ensure(4 + bytes.length).putInt(bytes.length).put(bytes);
            return this;
        }

        private ByteBuffer ensure(int bytes) {
            if (buffer.remaining() < bytes) {
                long needed = (long) buffer.position() + bytes;
                if (needed - 4 > MAX_FRAME_BYTES) {
                    throw new IllegalArgumentException("A message of more than " + MAX_FRAME_BYTES + " bytes");
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(needed, 2L * buffer.capacity())));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            return buffer;
        }

        void writeTo(OutputStream out) throws IOException {
            int length = buffer.position() - 4;
            buffer.putInt(0, length);
            out.write(buffer.array(), 0, buffer.position());
        }
    }
}
