package org.parallelworkbench.cli.internal.listing;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.parallelworkbench.cli.internal.run.RunRequest;
import org.parallelworkbench.core.RunRecord;

/** The run history as text, one run per line, oldest first: what `history` prints. */
public final class HistoryListing {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HistoryListing() {
    }

    public static String format(List<RunRecord> records) {
        if (records.isEmpty()) {
            return "No runs recorded yet.\n";
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-20s  %-12s  %-9s  %-11s  %9s  %s%n", "started", "provider", "run on",
                "status", "took", "result or reason"));
        for (RunRecord record : records) {
            String took = record.endedAt() == null ? "-" : seconds(Duration.between(record.startedAt(), record.endedAt()));
            String detail = (record.reason().isEmpty() ? record.summary() : record.reason())
                    + (record.executedBy().isEmpty() ? "" : "  (members " + String.join(", ", record.executedBy()) + ")");
            String parameters = record.parameters().values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            text.append(String.format(Locale.ROOT, "%-20s  %-12s  %-9s  %-11s  %9s  %s%s%n", STARTED.format(record.startedAt()),
                    record.providerId(), RunRequest.word(record.target()), record.status(), took, detail, parameters.isEmpty() ? "" : "  [" + parameters + "]"));
        }
        return text.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
