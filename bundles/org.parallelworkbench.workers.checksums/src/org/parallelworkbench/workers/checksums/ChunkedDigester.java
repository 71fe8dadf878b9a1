package org.parallelworkbench.workers.checksums;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Digests a file one chunk at a time through its own read buffer, which is why it is pooled per worker:
 * a unit then allocates nothing the size of a chunk.
 * <p>
 * Not thread-safe: one unit uses it at a time, as {@link org.parallelworkbench.core.WorkerStateFactory}
 * promises.
 */
final class ChunkedDigester {

    /** Large enough that a read costs little per byte, small enough that a cancel is seen within a few ms. */
    static final int CHUNK_BYTES = 1 << 20;

    private final byte[] chunk = new byte[CHUNK_BYTES];

    /** A file's digest in lower-case hex and how many bytes it was computed over. */
    record Digest(long bytes, String hex) {
    }

    /**
     * Feeds the whole file into {@code digest}, checking {@code canceled} before each chunk.
     *
     * @throws IOException           if the file cannot be opened or read
     * @throws CancellationException once {@code canceled} says so
     */
    Digest digest(Path file, MessageDigest digest, BooleanSupplier canceled) throws IOException {
        long bytes = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                if (canceled.getAsBoolean()) {
                    throw new CancellationException("Digesting " + file + " was cancelled after " + bytes + " bytes");
                }
                int read = in.readNBytes(chunk, 0, chunk.length);
                if (read == 0) {
                    break;
                }
                digest.update(chunk, 0, read);
                bytes += read;
                if (read < chunk.length) {
                    break;
                }
            }
        }
        return new Digest(bytes, HexFormat.of().formatHex(digest.digest()));
    }
}
