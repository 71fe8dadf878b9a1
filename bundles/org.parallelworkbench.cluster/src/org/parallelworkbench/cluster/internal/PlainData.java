package org.parallelworkbench.cluster.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.engine.remote.BatchAnswer;
import org.parallelworkbench.engine.remote.RemoteMember;
import org.parallelworkbench.engine.remote.UnitBatch;
import org.parallelworkbench.engine.remote.UnitFailure;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * The Compact serializers of what crosses between machines: a batch task, its answer and a member's published
 * info. Written out field by field, so no class is loaded by name and nothing is Java-serialized; the type names
 * are the wire format, so a member and a client of different builds still understand each other.
 */
final class PlainData {

    private PlainData() {
    }

    /** Registers every serializer; members and clients need the same ones. */
    static void register(CompactSerializationConfig compact) {
        compact.addSerializer(new BatchTaskSerializer());
        compact.addSerializer(new WorkUnitSerializer());
        compact.addSerializer(new BatchAnswerSerializer());
        compact.addSerializer(new UnitResultSerializer());
        compact.addSerializer(new UnitFailureSerializer());
        compact.addSerializer(new RemoteMemberSerializer());
    }

    static final class BatchTaskSerializer implements CompactSerializer<BatchTask> {

        @Override
        public BatchTask read(CompactReader reader) {
            WorkUnit[] units = reader.readArrayOfCompact("units", WorkUnit.class);
            return new BatchTask(new UnitBatch(reader.readString("runId"), reader.readString("providerId"),
                    reader.readString("providerVersion"), Arrays.asList(units)));
        }

        @Override
        public void write(CompactWriter writer, BatchTask task) {
            UnitBatch batch = task.batch();
            writer.writeString("runId", batch.runId());
            writer.writeString("providerId", batch.providerId());
            writer.writeString("providerVersion", batch.providerVersion());
            writer.writeArrayOfCompact("units", batch.units().toArray(WorkUnit[]::new));
        }

        @Override
        public String getTypeName() {
            return "parallelworkbench.BatchTask";
        }

        @Override
        public Class<BatchTask> getCompactClass() {
            return BatchTask.class;
        }
    }

    static final class WorkUnitSerializer implements CompactSerializer<WorkUnit> {

        @Override
        public WorkUnit read(CompactReader reader) {
            return new WorkUnit(reader.readInt64("index"),
                    map(reader.readArrayOfString("keys"), reader.readArrayOfString("values")));
        }

        @Override
        public void write(CompactWriter writer, WorkUnit unit) {
            writer.writeInt64("index", unit.index());
            // Sorted, so that equal units are equal bytes.
            Map<String, String> data = new TreeMap<>(unit.data());
            writer.writeArrayOfString("keys", data.keySet().toArray(String[]::new));
            writer.writeArrayOfString("values", data.values().toArray(String[]::new));
        }

        @Override
        public String getTypeName() {
            return "parallelworkbench.WorkUnit";
        }

        @Override
        public Class<WorkUnit> getCompactClass() {
            return WorkUnit.class;
        }
    }

    static final class BatchAnswerSerializer implements CompactSerializer<BatchAnswer> {

        @Override
        public BatchAnswer read(CompactReader reader) {
            UnitResult[] results = reader.readArrayOfCompact("results", UnitResult.class);
            return new BatchAnswer(List.of(results), reader.readCompact("failure"));
        }

        @Override
        public void write(CompactWriter writer, BatchAnswer answer) {
            writer.writeArrayOfCompact("results", answer.results().toArray(UnitResult[]::new));
            writer.writeCompact("failure", answer.failure());
        }

        @Override
        public String getTypeName() {
            return "parallelworkbench.BatchAnswer";
        }

        @Override
        public Class<BatchAnswer> getCompactClass() {
            return BatchAnswer.class;
        }
    }

    static final class UnitResultSerializer implements CompactSerializer<UnitResult> {

        @Override
        public UnitResult read(CompactReader reader) {
            return new UnitResult(reader.readInt64("unitIndex"), reader.readString("value"));
        }

        @Override
        public void write(CompactWriter writer, UnitResult result) {
            writer.writeInt64("unitIndex", result.unitIndex());
            writer.writeString("value", result.value());
        }

        @Override
        public String getTypeName() {
            return "parallelworkbench.UnitResult";
        }

        @Override
        public Class<UnitResult> getCompactClass() {
            return UnitResult.class;
        }
    }

    static final class UnitFailureSerializer implements CompactSerializer<UnitFailure> {

        @Override
        public UnitFailure read(CompactReader reader) {
            return new UnitFailure(reader.readInt64("unitIndex"), reader.readString("exceptionType"),
                    reader.readString("message"), reader.readString("stackTrace"));
        }

        @Override
        public void write(CompactWriter writer, UnitFailure failure) {
            writer.writeInt64("unitIndex", failure.unitIndex());
            writer.writeString("exceptionType", failure.exceptionType());
            writer.writeString("message", failure.message());
            writer.writeString("stackTrace", failure.stackTrace());
        }

        @Override
        public String getTypeName() {
            return "parallelworkbench.UnitFailure";
        }

        @Override
        public Class<UnitFailure> getCompactClass() {
            return UnitFailure.class;
        }
    }

    /** What a member publishes about itself in the members map. */
    static final class RemoteMemberSerializer implements CompactSerializer<RemoteMember> {

        @Override
        public RemoteMember read(CompactReader reader) {
            return new RemoteMember(reader.readString("id"), reader.readString("address"), reader.readInt32("capacity"),
                    map(reader.readArrayOfString("providerIds"), reader.readArrayOfString("providerVersions")),
                    reader.readInt64("unitsDone"), reader.readBoolean("busy"));
        }

        @Override
        public void write(CompactWriter writer, RemoteMember member) {
            Map<String, String> providers = new TreeMap<>(member.providers());
            writer.writeString("id", member.id());
            writer.writeString("address", member.address());
            writer.writeInt32("capacity", member.capacity());
            writer.writeArrayOfString("providerIds", providers.keySet().toArray(String[]::new));
            writer.writeArrayOfString("providerVersions", providers.values().toArray(String[]::new));
            writer.writeInt64("unitsDone", member.unitsDone());
            writer.writeBoolean("busy", member.busy());
        }

        @Override
        public String getTypeName() {
            return "parallelworkbench.RemoteMember";
        }

        @Override
        public Class<RemoteMember> getCompactClass() {
            return RemoteMember.class;
        }
    }

    private static Map<String, String> map(String[] keys, String[] values) {
        if (keys == null || values == null || keys.length != values.length) {
            throw new IllegalArgumentException("Keys and values do not pair up");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
        return map;
    }
}
