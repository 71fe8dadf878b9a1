package org.parallelworkbench.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Median and range of repeated measurements: on a noisy machine the range matters as much as the middle. */
public record Spread(double min, double median, double max, int count) {

    public static Spread of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No measurements");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(sorted.get(0), median, sorted.get(n - 1), n);
    }

    /** E.g. {@code 1.23 [1.10..1.40, n=12]}, with this many decimals. */
    public String format(int decimals) {
        String number = "%." + decimals + "f";
        return String.format(Locale.ROOT, number + " [" + number + ".." + number + ", n=%d]", median, min, max, count);
    }
}
