package org.parallelworkbench.cli.internal.run;

import java.util.Locale;

/**
 * A run's progress at one moment, and its text forms.
 *
 * @param unitsTotal     -1 for an open-ended run
 * @param unitsPerSecond over the run so far, 0 when nothing is done yet
 * @param etaMillis      -1 when unknown
 */
public record ProgressSnapshot(long unitsDone, long unitsTotal, double unitsPerSecond, long etaMillis) {

    static final ProgressSnapshot NONE = new ProgressSnapshot(0, -1, 0, -1);

    /** Rate and ETA computed from units done in the time since the run was first seen. */
    static ProgressSnapshot of(long unitsDone, long unitsTotal, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? unitsDone / seconds : 0;
        long eta = unitsTotal >= 0 && rate > 0 ? Math.round((unitsTotal - unitsDone) / rate * 1000) : -1;
        return new ProgressSnapshot(unitsDone, unitsTotal, rate, eta);
    }

    boolean finite() {
        return unitsTotal >= 0;
    }

    /** E.g. {@code 45/100 units (45%), 12.3 units/s, ETA 0:04}; for open-ended runs {@code 45 units, 1.0 units/s}. */
    public String plain() {
        StringBuilder line = new StringBuilder();
        if (finite()) {
            line.append(unitsDone).append('/').append(unitsTotal).append(" units (").append(percent()).append("%)");
        } else {
            line.append(unitsDone).append(unitsDone == 1 ? " unit" : " units");
        }
        line.append(", ").append(rate()).append(" units/s");
        if (etaMillis >= 0) {
            line.append(", ETA ").append(duration(etaMillis));
        }
        return line.toString();
    }

    /** E.g. {@code [#########...........]  45/100  45%  12.3/s  ETA 0:04}; a bar only for finite runs. */
    String bar(int width) {
        if (!finite()) {
            return unitsDone + " units  " + rate() + "/s";
        }
        int filled = unitsTotal == 0 ? width : (int) Math.min(width, unitsDone * width / unitsTotal);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]  " + unitsDone + "/" + unitsTotal + "  "
                + percent() + "%  " + rate() + "/s" + (etaMillis >= 0 ? "  ETA " + duration(etaMillis) : "");
    }

    private long percent() {
        return unitsTotal <= 0 ? 100 : unitsDone * 100 / unitsTotal;
    }

    private String rate() {
        return String.format(Locale.ROOT, "%.1f", unitsPerSecond);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(long millis) {
        long seconds = (millis + 999) / 1000;
        long hours = seconds / 3600;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
