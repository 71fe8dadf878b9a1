package org.parallelworkbench.workers.checksums;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;

/** The checksum provider's own logic on real files, without the engine: plans, digests, unreadable files, validation. */
class ChecksumsProviderTest {

    private final ChecksumsProvider checksums = new ChecksumsProvider();

    @TempDir
    Path folder;

    @Test
    void digestsEqualMessageDigestsOfTheWholeFileForEveryAlgorithm() throws Exception {
        Files.write(folder.resolve("empty"), new byte[0]);
        Files.writeString(folder.resolve("hello.txt"), "hello, checksums\n");
        Files.write(folder.resolve("one-chunk.bin"), randomBytes(ChunkedDigester.CHUNK_BYTES, 1));
        Files.write(folder.resolve("three-chunks.bin"), randomBytes(2 * ChunkedDigester.CHUNK_BYTES + 12_345, 2));

        for (String algorithm : ChecksumsProvider.ALGORITHMS) {
            ResultValue.Table table = run(parameters().with("algorithm", algorithm), 3);

            assertEquals(List.of("File", "Size (bytes)", algorithm), table.columns());
            List<List<String>> expected = new ArrayList<>();
            for (String name : List.of("empty", "hello.txt", "one-chunk.bin", "three-chunks.bin")) {
                byte[] content = Files.readAllBytes(folder.resolve(name));
                expected.add(List.of(name, Integer.toString(content.length), hex(algorithm, content)));
            }
            assertEquals(expected, table.rows(), algorithm);
        }
    }

    @Test
    void rowsAreInPathOrderWhateverOrderTheUnitsCompleteIn() throws Exception {
        for (String name : List.of("m.txt", "b.txt", "z.txt", "a.txt", "B.txt", "k.txt")) {
            Files.writeString(folder.resolve(name), name);
        }
        List<String> expectedFiles = List.of("B.txt", "a.txt", "b.txt", "k.txt", "m.txt", "z.txt");

        ResultValue.Table first = run(parameters(), 1);
        assertEquals(expectedFiles, first.rows().stream().map(row -> row.get(0)).toList());
        for (long seed = 2; seed <= 5; seed++) {
            assertEquals(first, run(parameters(), seed), "completion order of seed " + seed);
        }
    }

    @Test
    void theSnapshotHoldsTheFilesDoneSoFarInPathOrder() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            Files.writeString(folder.resolve(name), name);
        }
        List<UnitResult> results = executeAll(parameters());
        ResultAccumulator accumulator = checksums.accumulator(parameters());
        accumulator.accept(results.get(2));
        accumulator.accept(results.get(0));
        ResultValue.Table partial = assertInstanceOf(ResultValue.Table.class, accumulator.snapshot());
        accumulator.accept(results.get(1));

        assertEquals(List.of("a", "c"), partial.rows().stream().map(row -> row.get(0)).toList());
        assertEquals(List.of("a", "b", "c"), ((ResultValue.Table) accumulator.snapshot()).rows().stream()
                .map(row -> row.get(0)).toList());
    }

    @Test
    void aFileThatVanishedAfterPlanningIsAnUnreadableRowAndTheOthersAreStillDigested() throws Exception {
        Files.writeString(folder.resolve("a.txt"), "kept");
        Files.writeString(folder.resolve("b.txt"), "deleted");
        Files.writeString(folder.resolve("c.txt"), "kept too");
        WorkPlan.Finite plan = plan(parameters());
        Files.delete(folder.resolve("b.txt"));

        ResultValue.Table table = accumulate(parameters(), execute(plan));

        assertEquals(List.of("a.txt", "4", hex("SHA-256", "kept".getBytes())), table.rows().get(0));
        assertEquals(List.of("b.txt", "", "unreadable: no longer exists"), table.rows().get(1));
        assertEquals(List.of("c.txt", "8", hex("SHA-256", "kept too".getBytes())), table.rows().get(2));
    }

    @Test
    void aFileReplacedByAFolderAfterPlanningIsAnUnreadableRow() throws Exception {
        Files.writeString(folder.resolve("swapped"), "a file at planning time");
        WorkPlan.Finite plan = plan(parameters());
        Files.delete(folder.resolve("swapped"));
        Files.createDirectory(folder.resolve("swapped"));

        List<String> row = accumulate(parameters(), execute(plan)).rows().get(0);

        assertEquals(List.of("swapped", ""), row.subList(0, 2));
        assertTrue(row.get(2).startsWith("unreadable: "), row.toString());
    }

    /** Skipped when the tests run as root, who may read anything. */
    @Test
    void aFileWithoutReadPermissionIsAnUnreadableRow() throws Exception {
        Path locked = Files.writeString(folder.resolve("locked"), "secret");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "this user may read files without permission");

        assertEquals(List.of(List.of("locked", "", "unreadable: permission denied")), run(parameters(), 1).rows());
    }

    /** Skipped when the tests run as root, who may list anything. */
    @Test
    void aSubfolderThatCannotBeListedIsAnUnreadableRowEndingInASlash() throws Exception {
        Path closed = Files.createDirectory(folder.resolve("closed"));
        Files.writeString(closed.resolve("hidden"), "unseen");
        Files.writeString(folder.resolve("open"), "seen");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(closed), "this user may list folders without permission");
        try {
            List<List<String>> rows = run(parameters().with("recursive", "true"), 1).rows();

            assertEquals(List.of("closed/", "", "unreadable: folder not listed, permission denied"), rows.get(0));
            assertEquals("open", rows.get(1).get(0));
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void onlyTheFolderItselfIsListedUnlessRecursive() throws Exception {
        Files.createDirectories(folder.resolve("sub/deeper"));
        for (String name : List.of("a.txt", "sub/b.txt", "sub/deeper/c.txt", "z.txt")) {
            Files.writeString(folder.resolve(name), name);
        }

        assertEquals(List.of("a.txt", "z.txt"), files(plan(parameters())));
        assertEquals(List.of("a.txt", "sub/b.txt", "sub/deeper/c.txt", "z.txt"),
                files(plan(parameters().with("recursive", "true"))));
    }

    @Test
    void linksToFilesAreDigestedWhileLinksToFoldersAndDanglingLinksAreLeftOut() throws Exception {
        Files.writeString(folder.resolve("a.txt"), "the target");
        Files.createSymbolicLink(folder.resolve("alias.txt"), folder.resolve("a.txt"));
        Files.createSymbolicLink(folder.resolve("loop"), folder);
        Files.createSymbolicLink(folder.resolve("dangling"), folder.resolve("nothing-here"));

        ResultValue.Table table = run(parameters().with("recursive", "true"), 1);

        String digest = hex("SHA-256", "the target".getBytes());
        assertEquals(List.of(List.of("a.txt", "10", digest), List.of("alias.txt", "10", digest)), table.rows());
    }

    @Test
    void unitsArePlainDataNamingTheFileItsAbsolutePathAndTheAlgorithm() throws Exception {
        Files.writeString(folder.resolve("a.txt"), "a");

        WorkUnit unit = plan(parameters().with("algorithm", "MD5")).units().get(0);

        assertEquals("a.txt", unit.get("file"));
        assertEquals(folder.resolve("a.txt").toAbsolutePath().toString(), unit.get("path"));
        assertEquals("MD5", unit.get("algorithm"));
        // A copy of the data alone is enough to execute the unit, as in another process.
        UnitResult result = checksums.execute(new WorkUnit(unit.index(), Map.copyOf(unit.data())),
                new DigesterContext(checksums, () -> false));
        assertEquals(List.of("a.txt", "1", hex("MD5", "a".getBytes())), FileChecksum.decode(result.value()).cells());
    }

    @Test
    void pathsWithTabsAndLineBreaksSurviveTheTripThroughAUnitResult() throws Exception {
        String name = "tab\there\nand a line break";
        Files.writeString(folder.resolve(name), "odd name");

        assertEquals(List.of(List.of(name, "8", hex("SHA-256", "odd name".getBytes()))), run(parameters(), 1).rows());
    }

    @Test
    void aBigFileStopsBetweenChunksOnceCancelled() throws Exception {
        Files.write(folder.resolve("big.bin"), randomBytes(3 * ChunkedDigester.CHUNK_BYTES, 4));
        WorkUnit unit = plan(parameters()).units().get(0);
        AtomicInteger checks = new AtomicInteger();

        assertThrows(CancellationException.class,
                () -> checksums.execute(unit, new DigesterContext(checksums, () -> checks.incrementAndGet() > 1)));
        assertEquals(2, checks.get(), "cancel checks before it stopped: one chunk read, then the cancel seen");
    }

    @Test
    void badParametersAreReportedNamingTheParameterAndTheFolder() throws Exception {
        Path missing = folder.resolve("missing");
        Path file = Files.writeString(folder.resolve("file.txt"), "not a folder");

        assertProblem("folder", "folder " + missing + " does not exist", parameters().with("folder", missing.toString()));
        assertProblem("folder", file + " is not a folder", parameters().with("folder", file.toString()));
        assertProblem("folder", "must name a folder, e.g. '.' for the one the product was started in",
                parameters().with("folder", " "));
        assertProblem("algorithm", "must be one of SHA-256, SHA-1, MD5, SHA-512, not 'SHA-3'",
                parameters().with("algorithm", "SHA-3"));
        assertProblem("recursive", "must be true or false, not 'yes'", parameters().with("recursive", "yes"));
        assertEquals(List.of(), checksums.validate(parameters()));
        assertEquals(List.of(), checksums.validate(Parameters.NONE), "the default folder is the working directory");
    }

    /** Skipped when the tests run as root, who may list anything. */
    @Test
    void aFolderWithoutReadPermissionIsReportedNamingIt() throws Exception {
        Path closed = Files.createDirectory(folder.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(closed), "this user may list folders without permission");

        assertProblem("folder", "folder " + closed + " cannot be read", parameters().with("folder", closed.toString()));
    }

    @Test
    void planRefusesParametersThatDoNotValidate() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> checksums.plan(parameters().with("folder", folder.resolve("missing").toString())));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void theListingStopsOnceItHoldsMoreThanTheLimit() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(folder.resolve("f" + i), "x");
        }

        assertEquals(3, FolderListing.list(folder, false, 2).size());
        assertEquals(5, FolderListing.list(folder, false, 5).size());
    }

    private Parameters parameters() {
        return Parameters.NONE.with("folder", folder.toString());
    }

    private WorkPlan.Finite plan(Parameters parameters) {
        return assertInstanceOf(WorkPlan.Finite.class, checksums.plan(parameters));
    }

    private List<UnitResult> execute(WorkPlan.Finite plan) throws Exception {
        DigesterContext context = new DigesterContext(checksums, () -> false);
        List<UnitResult> results = new ArrayList<>();
        for (WorkUnit unit : plan.units()) {
            results.add(checksums.execute(unit, context));
        }
        return results;
    }

    private List<UnitResult> executeAll(Parameters parameters) throws Exception {
        return execute(plan(parameters));
    }

    /** Plans, executes every unit and feeds the results to the accumulator in an order shuffled by {@code seed}. */
    private ResultValue.Table run(Parameters parameters, long seed) throws Exception {
        List<UnitResult> results = executeAll(parameters);
        Collections.shuffle(results, new Random(seed));
        return accumulate(parameters, results);
    }

    private ResultValue.Table accumulate(Parameters parameters, List<UnitResult> results) {
        ResultAccumulator accumulator = checksums.accumulator(parameters);
        results.forEach(accumulator::accept);
        return assertInstanceOf(ResultValue.Table.class, accumulator.snapshot());
    }

    private void assertProblem(String parameter, String message, Parameters parameters) {
        assertEquals(List.of(new ParameterProblem(parameter, message)), checksums.validate(parameters));
    }

    private static List<String> files(WorkPlan.Finite plan) {
        return plan.units().stream().map(unit -> unit.get("file")).toList();
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
