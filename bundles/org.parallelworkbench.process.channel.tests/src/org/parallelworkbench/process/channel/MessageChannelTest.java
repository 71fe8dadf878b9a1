package org.parallelworkbench.process.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;

class MessageChannelTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final MessageChannel writer = new MessageChannel(InputStream.nullInputStream(), written, () -> {
    });

    @Test
    void everyMessageReadsBackAsWritten() throws IOException {
        List<Message> messages = List.of(new Message.Hello(MessageChannel.PROTOCOL_VERSION, 4711),
                new Message.Ready("primes", "1.2.3.qualifier"),
                new Message.Unavailable("Bundle x did not start: missing package org.example"),
                new Message.Execute(List.of(new WorkUnit(0, Map.of()), new WorkUnit(Long.MAX_VALUE,
                        Map.of("from", "1", "to", "2000", "text", "ünïcødé ✓ \u0000 \n")))),
                new Message.Completed(new UnitResult(12, "42")), new Message.Completed(new UnitResult(13, "")),
                new Message.Failed(7, "java.lang.IllegalStateException", "bad", "java.lang.IllegalStateException: bad\n\tat x"),
                new Message.Cancel(), new Message.Idle(), new Message.Shutdown());
        for (Message message : messages) {
            writer.write(message);
        }
        writer.flush();

        MessageChannel reader = readerOf(written.toByteArray());
        List<Message> read = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            read.add(reader.read());
        }
        assertEquals(messages, read);
        assertThrows(EOFException.class, reader::read, "the stream ended");
    }

    @Test
    void nothingIsSentBeforeFlush() throws IOException {
        writer.write(new Message.Idle());
        assertEquals(0, written.size());
        writer.send(new Message.Idle());
        assertEquals(2 * 5, written.size(), "two frames of a length and a kind byte");
    }

    @Test
    void aTruncatedFrameEndsTheStream() throws IOException {
        writer.send(new Message.Completed(new UnitResult(3, "a value")));
        byte[] bytes = written.toByteArray();

        assertThrows(EOFException.class, () -> readerOf(Arrays.copyOf(bytes, bytes.length - 1)).read());
    }

    @Test
    void bytesThatAreNotFramesAreRefusedWithoutAllocatingTheirLength() throws IOException {
        byte[] garbage = "Hello from a unit that printed to the channel\n".getBytes();

        IOException e = assertThrows(IOException.class, () -> readerOf(garbage).read());
        assertTrue(e.getMessage().startsWith("Not a frame of the worker protocol: length "), e.getMessage());
    }

    @Test
    void aFrameOfAnUnknownKindOrWithACountBeyondItsEndIsRefused() throws IOException {
        IOException unknown = assertThrows(IOException.class, () -> readerOf(frame(99)).read());
        assertEquals("Unknown frame kind 99", unknown.getMessage());

        IOException count = assertThrows(IOException.class, () -> readerOf(frame(4, 0, 0, 0, 100)).read());
        assertEquals("Count 100 does not fit in the frame", count.getMessage());

        IOException extra = assertThrows(IOException.class, () -> readerOf(frame(8, 1)).read());
        assertEquals("Frame of kind 8 has 1 bytes too many", extra.getMessage());

        IOException shortFrame = assertThrows(IOException.class, () -> readerOf(frame(1, 0, 0)).read());
        assertTrue(shortFrame.getMessage().startsWith("Malformed frame of kind 1"), shortFrame.getMessage());
    }

    private static byte[] frame(int... content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(content.length);
        for (int b : content) {
            out.writeByte(b);
        }
        return bytes.toByteArray();
    }

    private static MessageChannel readerOf(byte[] bytes) {
        return new MessageChannel(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream(), () -> {
        });
    }
}
