package org.parallelworkbench.journal.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a journal file line by line. A line that is not a journal entry (garbage, bad UTF-8, or the
 * incomplete last line a killed product left behind) is skipped with a warning and reading goes on; at most
 * {@link #MAX_WARNED_LINES} lines are warned about one by one, the rest in one closing line. Lines are read
 * as bytes and decoded one at a time, so one bad line cannot spoil the next.
 * <p>
 * {@link #readAppended} reads what other processes appended since, complete lines only, without warnings (the
 * whole-file read at start has warned about the file already).
 * <p>
 * Stateless; call from any thread. A writer appending meanwhile is fine: a line it has not finished is
 * not read.
 */
final class JournalReader {

    /** Far longer than any entry the journal writes; a longer line is garbage and is skipped. */
    static final int MAX_LINE_BYTES = 1 << 20;
    static final int MAX_WARNED_LINES = 10;
    private static final int BUFFER_BYTES = 1 << 16;

    private static final System.Logger LOG = System.getLogger(JournalReader.class.getName());

    /**
     * @param entries     good lines read
     * @param skipped     lines skipped as bad
     * @param maxSeq      the highest sequence number read, 0 when none
     * @param end         the byte offset just after the last line break read: where reading new lines starts
     */
    record Summary(long entries, long skipped, long maxSeq, long end) {
    }

    private JournalReader() {
    }

    /**
     * Hands every good entry of {@code file}, in file order, to {@code sink}. A missing file reads as empty.
     *
     * @throws IOException when the file exists but cannot be read
     */
    static Summary read(Path file, Consumer<? super JournalEntry> sink) throws IOException {
        return read(file, 0, true, sink);
    }

    /**
     * Hands every good entry in the complete lines from byte offset {@code from} on to {@code sink}; bad
     * lines are counted, not warned about. A missing file reads as empty.
     *
     * @throws IOException when the file exists but cannot be read
     */
    static Summary readAppended(Path file, long from, Consumer<? super JournalEntry> sink) throws IOException {
        return read(file, from, false, sink);
    }

    private static Summary read(Path file, long from, boolean wholeFile, Consumer<? super JournalEntry> sink)
            throws IOException {
        LineCounter counter = new LineCounter(file, wholeFile, sink);
        long end = from;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            long position = from;
            byte[] buffer = new byte[BUFFER_BYTES];
            int count;
            while ((count = in.read(buffer)) >= 0) {
                int lineStart = 0;
                for (int i = 0; i < count; i++) {
                    if (buffer[i] == '\n') {
                        counter.append(buffer, lineStart, i - lineStart);
                        counter.endLine(false);
                        lineStart = i + 1;
                        end = position + i + 1;
                    }
                }
                counter.append(buffer, lineStart, count - lineStart);
                position += count;
            }
            if (wholeFile) {
                counter.endLine(true);
            }
        } catch (NoSuchFileException | EOFException missing) {
            // missing, or shorter than from: nothing (more) to read
        }
        return counter.summary(end);
    }

    /** Collects the bytes of one line at a time, counts lines and entries, and warns about bad lines. */
    private static final class LineCounter {
        private final Path file;
        private final boolean warn;
        private final Consumer<? super JournalEntry> sink;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        private boolean overlong;
        private long lineNumber;
        private long entries;
        private long skipped;
        private long maxSeq;

        LineCounter(Path file, boolean warn, Consumer<? super JournalEntry> sink) {
            this.file = file;
            this.warn = warn;
            this.sink = sink;
        }

        void append(byte[] bytes, int offset, int length) {
            if (line.size() + length > MAX_LINE_BYTES) {
                overlong = true;
            } else {
                line.write(bytes, offset, length);
            }
        }

        /** Ends the line collected so far; {@code atEndOfFile} when it had no line break. */
        void endLine(boolean atEndOfFile) {
            if (atEndOfFile && line.size() == 0 && !overlong) {
                return;
            }
            lineNumber++;
            String incomplete = atEndOfFile ? "incomplete last line (the product stopped while writing it?), " : "";
            if (overlong) {
                countSkipped(incomplete + "longer than " + MAX_LINE_BYTES + " bytes");
            } else {
                take(line.toByteArray(), incomplete);
            }
            line.reset();
            overlong = false;
        }

        private void take(byte[] bytes, String incomplete) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                countSkipped(incomplete + "not UTF-8");
                return;
            }
            if (text.isBlank()) {
                return;
            }
            JournalEntry entry;
            try {
                entry = JournalEntry.parse(text);
            } catch (IllegalArgumentException e) {
                countSkipped(incomplete + e.getMessage());
                return;
            }
            entries++;
            maxSeq = Math.max(maxSeq, entry.seq());
            sink.accept(entry);
        }

        private void countSkipped(String why) {
            skipped++;
            if (warn && skipped <= MAX_WARNED_LINES) {
                LOG.log(Level.WARNING, "Run journal " + file + ", line " + lineNumber + " skipped: " + why);
            }
        }

        Summary summary(long end) {
            if (warn && skipped > MAX_WARNED_LINES) {
                LOG.log(Level.WARNING, "Run journal " + file + ": " + (skipped - MAX_WARNED_LINES)
                        + " more bad lines skipped");
            }
            return new Summary(entries, skipped, maxSeq, end);
        }
    }
}
