package org.parallelworkbench.workers.mandelbrot;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A tile's iteration counts as text: two bytes per pixel, big-endian, row by row, in Base64. Counts are
 * at most {@link MandelbrotProvider#MAX_ITERATIONS}, which fits in two bytes.
 */
final class TileCodec {

    private static final int BYTES_PER_PIXEL = Short.BYTES;

    private TileCodec() {
    }

    static String encode(int[] iterations) {
        ByteBuffer bytes = ByteBuffer.allocate(iterations.length * BYTES_PER_PIXEL);
        for (int count : iterations) {
            bytes.putShort((short) count);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** @throws IllegalArgumentException if the text is not Base64 of exactly {@code pixels} counts */
    static int[] decode(String text, int pixels) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(text));
        if (bytes.remaining() != pixels * BYTES_PER_PIXEL) {
            throw new IllegalArgumentException("Expected " + pixels + " pixels but got " + bytes.remaining() + " bytes");
        }
        int[] iterations = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            iterations[i] = Short.toUnsignedInt(bytes.getShort());
        }
        return iterations;
    }
}
