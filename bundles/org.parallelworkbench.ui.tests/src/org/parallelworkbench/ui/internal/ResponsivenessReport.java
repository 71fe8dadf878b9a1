package org.parallelworkbench.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The summary of one responsiveness measurement: probe delays of the window without runs and with
 * flooding runs, the UI thread's CPU time, and whether the target was met.
 *
 * @param phaseLength  how long each phase measured
 * @param smoke        a short run that checks the harness; its timings mean little
 * @param baseline     the window open, no runs
 * @param flood        the window open, {@code runs} flooding runs listed in it
 * @param unitMicros   busy time of each flood unit, 0 for empty units
 * @param floodEvents  what the runs published during the flood phase, summed over the runs
 * @param windowEvents what the window's subscriptions received during the flood phase, over all runs
 * @param loadAverage  the first three fields of /proc/loadavg, taken at the end
 */
record ResponsivenessReport(Duration phaseLength, boolean smoke, Phase baseline, Phase flood, int runs,
        long unitMicros, RunEventCounter.Counts floodEvents, long windowEvents, String loadAverage) {

    /** A frame at 60 Hz (the start-up and flood issue's bar): a probe's 99th percentile delay under the flood. */
    static final double TARGET_P99_MILLIS = 16;

    /**
     * One measured phase.
     *
     * @param uiCpuNanos    CPU time of the UI thread during the phase
     * @param gcCount       collections of all collectors during the phase
     * @param gcMillis      time the collectors report for them (G1 counts its concurrent cycles too)
     * @param tableRepaints paint events of the window's tables during the phase
     */
    record Phase(String name, UiProbe.Delays delays, long wallNanos, long uiCpuNanos, long gcCount, long gcMillis,
            long tableRepaints) {

        double uiBusyFraction() {
            return wallNanos == 0 ? 0 : (double) uiCpuNanos / wallNanos;
        }

        double perSecond(long count) {
            return wallNanos == 0 ? 0 : count * 1e9 / wallNanos;
        }
    }

    boolean targetMet() {
        return millis(flood.delays().p99Nanos()) <= TARGET_P99_MILLIS;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("=== UI responsiveness: ").append(runs).append(" runs flooding the window ===\n");
        line(out, "mode", smoke
                ? "smoke, " + phaseLength.toSeconds() + " s per phase: checks the harness, timings not asserted"
                        + " (-Dpw.uibench.seconds=20 measures)"
                : "benchmark, " + phaseLength.toSeconds() + " s per phase (-Dpw.uibench.seconds, -Dpw.uibench.unitMicros)");
        line(out, "machine", Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage
                + " (/proc/loadavg, at the end), Java " + Runtime.version() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        line(out, "probe", "Display.asyncExec every " + UiProbe.PERIOD_MILLIS
                + " ms from a scheduler thread; delay = time it ran - time it was posted");
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-22s %8s %9s %9s %9s %14s %16s %12s%n", "phase", "samples", "p50 ms",
                "p99 ms", "max ms", "UI thread CPU", "GC count / ms", "repaints/s"));
        phaseRow(out, baseline);
        phaseRow(out, flood);
        out.append(String.format(Locale.ROOT, "%-22s %8s %9s %9s %9s%n", "flood / no runs", "",
                ratio(flood.delays().p50Nanos(), baseline.delays().p50Nanos()),
                ratio(flood.delays().p99Nanos(), baseline.delays().p99Nanos()),
                ratio(flood.delays().maxNanos(), baseline.delays().maxNanos())));
        out.append('\n');
        line(out, "flood", String.format(Locale.ROOT, "%s; %,d units done in the phase (%,.0f units/s); events a"
                + " summary subscriber got: UnitCompleted %,d, Progress %,d, ResultUpdated %,d",
                unitMicros == 0 ? "empty units" : unitMicros + " us of busy work per unit", floodEvents.unitsDone(),
                flood.perSecond(floodEvents.unitsDone()), floodEvents.unitCompleted(), floodEvents.progress(),
                floodEvents.resultUpdated()));
        line(out, "window", String.format(Locale.ROOT, "its subscriptions received %,d events in the phase (%,.0f/s):"
                + " the runs' summaries, without an event per unit", windowEvents, flood.perSecond(windowEvents)));
        line(out, "UI CPU", "CPU time of the UI thread / wall time of the phase (ThreadMXBean), not time it was busy"
                + " waiting; X rendering happens in the X server");
        line(out, "repaints", "SWT.Paint events of the window's tables (the Runs table)");
        line(out, "target", String.format(Locale.ROOT, "p99 <= %.0f ms with %d flooding runs: %s (p99 %.2f ms)",
                TARGET_P99_MILLIS, runs, targetMet() ? "MET" : "NOT MET", millis(flood.delays().p99Nanos())));
        return out.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text());
    }

    private static void phaseRow(StringBuilder out, Phase phase) {
        UiProbe.Delays delays = phase.delays();
        String samples = delays.overflowed() == 0 ? Integer.toString(delays.samples())
                : delays.samples() + "+" + delays.overflowed();
        out.append(String.format(Locale.ROOT, "%-22s %8s %9.2f %9.2f %9.2f %12.1f %% %16s %12.1f%n", phase.name(),
                samples, millis(delays.p50Nanos()), millis(delays.p99Nanos()), millis(delays.maxNanos()),
                100 * phase.uiBusyFraction(), phase.gcCount() + " / " + phase.gcMillis(),
                phase.perSecond(phase.tableRepaints())));
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(String.format(Locale.ROOT, "%-10s %s%n", label, text));
    }

    private static String ratio(long value, long base) {
        return base == 0 ? "n/a" : String.format(Locale.ROOT, "x%.1f", (double) value / base);
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
