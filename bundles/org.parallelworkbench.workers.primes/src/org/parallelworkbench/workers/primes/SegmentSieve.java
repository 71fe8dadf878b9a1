package org.parallelworkbench.workers.primes;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A segmented sieve of Eratosthenes over odd numbers: counts the primes of any range below
 * {@link PrimesProvider#MAX_LIMIT} one cache-sized segment at a time. It holds the odd base primes up to
 * the square root of that bound and the segment's buffer, which is why it is pooled per worker.
 * <p>
 * Not thread-safe: one unit uses it at a time, as {@link org.parallelworkbench.core.WorkerStateFactory}
 * promises.
 */
final class SegmentSieve {

    /** Odd numbers per segment: 128 KiB of flags, covering 262,144 numbers, sieved in about a millisecond. */
    static final int SEGMENT_ODDS = 1 << 17;

    private final int[] oddBasePrimes;
    private final byte[] composite = new byte[SEGMENT_ODDS];

    SegmentSieve() {
        oddBasePrimes = oddPrimesUpTo((int) Math.sqrt((double) PrimesProvider.MAX_LIMIT) + 1);
    }

    /**
     * Counts the primes p with {@code from <= p < to}, checking {@code canceled} once per segment.
     *
     * @throws IllegalArgumentException  if the range is not within 0..{@link PrimesProvider#MAX_LIMIT}
     * @throws CancellationException     once {@code canceled} says so
     */
    long countPrimes(long from, long to, BooleanSupplier canceled) {
        if (from < 0 || to < from || to > PrimesProvider.MAX_LIMIT) {
            throw new IllegalArgumentException("Range [" + from + ", " + to + ") is not within 0.." + PrimesProvider.MAX_LIMIT);
        }
        long count = from <= 2 && 2 < to ? 1 : 0;
        long firstOdd = Math.max(from, 3) | 1;
        for (long low = firstOdd; low < to; low += 2L * SEGMENT_ODDS) {
            if (canceled.getAsBoolean()) {
                throw new CancellationException("Counting primes in [" + from + ", " + to + ") was cancelled at " + low);
            }
            int odds = (int) Math.min(SEGMENT_ODDS, (to - low + 1) / 2);
            count += countSegment(low, odds);
        }
        return count;
    }

    /** Primes among the {@code odds} odd numbers from odd {@code low} on. */
    private int countSegment(long low, int odds) {
        Arrays.fill(composite, 0, odds, (byte) 0);
        long high = low + 2L * odds;
        for (int p : oddBasePrimes) {
            long square = (long) p * p;
            if (square >= high) {
                break;
            }
            long multiple = square >= low ? square : (low + p - 1) / p * p;
            if ((multiple & 1) == 0) {
                multiple += p;
            }
            // Consecutive odd multiples are 2p apart, which is p flags apart.
            for (int i = (int) ((multiple - low) >>> 1); i < odds; i += p) {
                composite[i] = 1;
            }
        }
        int primes = odds;
        for (int i = 0; i < odds; i++) {
            primes -= composite[i];
        }
        return primes;
    }

    private static int[] oddPrimesUpTo(int max) {
        boolean[] composite = new boolean[max + 1];
        int[] primes = new int[max];
        int count = 0;
        for (int n = 3; n <= max; n += 2) {
            if (!composite[n]) {
                primes[count++] = n;
                for (long m = (long) n * n; m <= max; m += 2L * n) {
                    composite[(int) m] = true;
                }
            }
        }
        return Arrays.copyOf(primes, count);
    }
}
