package org.parallelworkbench.journal.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.RunState;

/**
 * One line of the journal file: a run {@link Started} or {@link Ended}. Both carry the {@code process} that
 * wrote them (see {@link Processes}; several product processes share the file) and that process's journal
 * sequence number {@code seq}, because the engine's run ids start again at 1 in every process. Together
 * they name one run. A line is a JSON object:
 *
 * <pre>
 * {"type":"started","seq":7,"process":"4711@1738318530000","runId":"3","providerId":"ticker",
 *  "providerVersion":"0.1.0","parameters":{"intervalMillis":"1000"},"startedAt":"2025-01-31T10:15:30.123Z",
 *  "target":"PROCESSES"}
 * {"type":"ended","seq":7,"process":"4711@1738318530000","runId":"3","state":"CANCELED",
 *  "endedAt":"2025-01-31T10:15:35.456Z","summary":"5","reason":"user pressed stop"}
 * {"type":"ended","seq":8,"process":"4711@1738318530000","runId":"4","state":"SUCCEEDED",
 *  "endedAt":"2025-01-31T10:16:02.000Z","summary":"78498","reason":"",
 *  "executedBy":["127.0.0.1:5701","127.0.0.1:5702"]}
 * </pre>
 *
 * (each on one line). Times are ISO-8601 instants in UTC; {@code state} is a final {@link RunState}.
 * {@code target} is where the run's units execute ({@link ExecutionTarget#THREADS},
 * {@link ExecutionTarget#PROCESSES} or {@link ExecutionTarget#CLUSTER}); {@code executedBy}, only on the end of a run
 * on the cluster, the members that executed its units. Readers ignore members they do not know; a line without {@code process}
 * (written before it existed) reads as process "", one without {@code target} (before 0.4) as THREADS. Immutable.
 */
sealed interface JournalEntry {

    String TYPE = "type";
    String SEQ = "seq";
    String PROCESS = "process";
    String RUN_ID = "runId";
    String EXECUTED_BY = "executedBy";

    String process();

    long seq();

    String runId();

    /** The entry as one line of JSON, without the line break. */
    String toLine();

    record Started(String process, long seq, String runId, String providerId, String providerVersion, Parameters parameters,
            Instant startedAt, ExecutionTarget target) implements JournalEntry {

        static final String TYPE_VALUE = "started";
        static final String TARGET = "target";

        public Started {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(providerId, "providerId");
            providerVersion = providerVersion == null ? "" : providerVersion;
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(startedAt, "startedAt");
            if (Objects.requireNonNull(target, "target") == ExecutionTarget.AUTO) {
                throw new IllegalArgumentException("A started run executes on threads, processes or the cluster, not " + target);
            }
        }

        @Override
        public String toLine() {
            Map<String, Object> line = header(TYPE_VALUE, this);
            line.put("providerId", providerId);
            line.put("providerVersion", providerVersion);
            line.put("parameters", parameters.values());
            line.put("startedAt", startedAt.toString());
            line.put(TARGET, target.name());
            return JournalJson.encode(line);
        }
    }

    record Ended(String process, long seq, String runId, RunState state, Instant endedAt, String summary, String reason,
            List<String> executedBy) implements JournalEntry {

        static final String TYPE_VALUE = "ended";

        public Ended {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(runId, "runId");
            if (!Objects.requireNonNull(state, "state").isFinal()) {
                throw new IllegalArgumentException("An ended run needs a final state, not " + state);
            }
            Objects.requireNonNull(endedAt, "endedAt");
            summary = summary == null ? "" : summary;
            reason = reason == null ? "" : reason;
            executedBy = executedBy == null ? List.of() : List.copyOf(executedBy);
        }

        /** The end of a run that no cluster member executed. */
        Ended(String process, long seq, String runId, RunState state, Instant endedAt, String summary, String reason) {
            this(process, seq, runId, state, endedAt, summary, reason, List.of());
        }

        @Override
        public String toLine() {
            Map<String, Object> line = header(TYPE_VALUE, this);
            line.put("state", state.name());
            line.put("endedAt", endedAt.toString());
            line.put("summary", summary);
            line.put("reason", reason);
            if (!executedBy.isEmpty()) {
                line.put(EXECUTED_BY, executedBy);
            }
            return JournalJson.encode(line);
        }
    }

    /**
     * The entry one line holds.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    static JournalEntry parse(String line) {
        Map<?, ?> object = JournalJson.decode(line);
        String type = text(object, TYPE);
        long seq = number(object, SEQ);
        String process = object.get(PROCESS) == null ? "" : text(object, PROCESS);
        String runId = text(object, RUN_ID);
        try {
            return switch (type) {
            case Started.TYPE_VALUE -> new Started(process, seq, runId, text(object, "providerId"),
                    text(object, "providerVersion"), parameters(object), Instant.parse(text(object, "startedAt")),
                    target(object));
            case Ended.TYPE_VALUE -> new Ended(process, seq, runId, RunState.valueOf(text(object, "state")),
                    Instant.parse(text(object, "endedAt")), text(object, "summary"), text(object, "reason"),
                    texts(object, EXECUTED_BY));
            default -> throw new IllegalArgumentException("unknown type '" + type + "'");
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time: " + e.getMessage(), e);
        }
    }

    /** The members every line starts with, in a map that keeps its order for the rest. */
    private static Map<String, Object> header(String type, JournalEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(TYPE, type);
        line.put(SEQ, entry.seq());
        line.put(PROCESS, entry.process());
        line.put(RUN_ID, entry.runId());
        return line;
    }

    /** Empty when absent (before 0.5, or a run no member executed); strings only. */
    private static List<String> texts(Map<?, ?> object, String name) {
        Object value = object.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("'" + name + "' is not a list of strings");
    }

    private static String text(Map<?, ?> object, String name) {
        if (object.get(name) instanceof String value) {
            return value;
        }
        throw new IllegalArgumentException("'" + name + "' is missing or not a string");
    }

    /** Jackson reads a whole number as Integer when it fits, else Long (BigInteger beyond: too big). */
    private static long number(Map<?, ?> object, String name) {
        Object value = object.get(name);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException("'" + name + "' is missing or not a whole number");
    }

    /** THREADS when absent: every run before 0.4 ran there. */
    private static ExecutionTarget target(Map<?, ?> object) {
        if (object.get(Started.TARGET) == null) {
            return ExecutionTarget.THREADS;
        }
        String name = text(object, Started.TARGET);
        for (ExecutionTarget target : ExecutionTarget.values()) {
            if (target != ExecutionTarget.AUTO && target.name().equals(name)) {
                return target;
            }
        }
        throw new IllegalArgumentException("'" + Started.TARGET + "' is not THREADS or PROCESSES: '" + name + "'");
    }

    private static Parameters parameters(Map<?, ?> object) {
        if (!(object.get("parameters") instanceof Map<?, ?> values)) {
            throw new IllegalArgumentException("'parameters' is missing or not an object");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<?, ?> value : values.entrySet()) {
            if (!(value.getValue() instanceof String text)) {
                throw new IllegalArgumentException("parameter '" + value.getKey() + "' is not a string");
            }
            parameters.put((String) value.getKey(), text);
        }
        return new Parameters(parameters);
    }
}
