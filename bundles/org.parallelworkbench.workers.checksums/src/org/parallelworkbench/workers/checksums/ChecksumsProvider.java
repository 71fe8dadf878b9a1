package org.parallelworkbench.workers.checksums;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;
import org.parallelworkbench.core.WorkerStateFactory;

/**
 * Digests every file of a folder, one file per unit ({@link FolderListing} says which files, in which order),
 * each read in chunks through the worker's pooled {@link ChunkedDigester}. The result is a table with a row
 * per file in path order, whatever order the units complete in.
 * <p>
 * A file that cannot be read (it vanished, access is denied, a folder cannot be listed) does not fail the run:
 * its row has no size and {@code "unreadable: <reason>"} in the digest column, so that no file goes missing
 * from the table unnoticed. Stateless apart from the pooled digesters, so {@link #execute} may run
 * concurrently.
 */
@Component(service = WorkProvider.class)
public final class ChecksumsProvider implements WorkProvider {

    public static final String ID = "checksums";
    public static final String PARAM_FOLDER = "folder";
    public static final String PARAM_ALGORITHM = "algorithm";
    public static final String PARAM_RECURSIVE = "recursive";
    /** The folder the product was started in: a home folder can hold far more than anyone means to digest. */
    static final String DEFAULT_FOLDER = ".";
    static final String DEFAULT_ALGORITHM = "SHA-256";
    /** Algorithms every Java runtime has; the names are {@link MessageDigest}'s. */
    static final List<String> ALGORITHMS = List.of(DEFAULT_ALGORITHM, "SHA-1", "MD5", "SHA-512");
    /** Caps the plan's size (and the table's) however large the folder is. */
    static final int MAX_FILES = 100_000;
    static final String COLUMN_FILE = "File";
    static final String COLUMN_SIZE = "Size (bytes)";
    static final String KEY_FILE = "file";
    static final String KEY_PATH = "path";
    static final String KEY_ALGORITHM = "algorithm";
    /** Set on a unit for a folder that could not be listed: the unit reports it instead of reading. */
    static final String KEY_PROBLEM = "problem";
    /** Files are independent; the engine's pool size limits how many are read at once. */
    private static final int MAX_CONCURRENT_UNITS = Integer.MAX_VALUE;

    private static final ProviderInfo INFO = new ProviderInfo(ID, "File checksums",
            "Computes a digest of every file in a folder, one file per unit.", "0.1.0", List.of(
                    ParameterDescriptor.text(PARAM_FOLDER, "Folder", DEFAULT_FOLDER)
                            .withHelp("The folder whose files are digested. A relative path, like the default '.', "
                                    + "means the folder the product was started in. At most " + MAX_FILES + " files."),
                    ParameterDescriptor.choice(PARAM_ALGORITHM, "Algorithm", DEFAULT_ALGORITHM, ALGORITHMS)
                            .withHelp("The digest computed of each file's bytes, shown in hex."),
                    ParameterDescriptor.bool(PARAM_RECURSIVE, "Include subfolders", false)
                            .withHelp("Also digest the files of every subfolder; links to folders are not followed.")));

    private final WorkerStateFactory<ChunkedDigester> digesters = new WorkerStateFactory<>() {
        @Override
        public Class<ChunkedDigester> type() {
            return ChunkedDigester.class;
        }

        @Override
        public ChunkedDigester create() {
            return new ChunkedDigester();
        }
    };

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    /** The declared checks, then that the folder exists, is a folder and may be read. */
    @Override
    public List<ParameterProblem> validate(Parameters parameters) {
        return ParameterDescriptor.validate(INFO.parameters(), parameters,
                complete -> folderProblem(complete.get(PARAM_FOLDER, DEFAULT_FOLDER))
                        .map(message -> List.of(new ParameterProblem(PARAM_FOLDER, message))).orElse(List.of()));
    }

    private static Optional<String> folderProblem(String text) {
        if (text.isBlank()) {
            return Optional.of("must name a folder, e.g. '.' for the one the product was started in");
        }
        Path folder;
        try {
            folder = absolute(text);
        } catch (InvalidPathException e) {
            return Optional.of("'" + text + "' is not a valid path: " + e.getReason());
        }
        if (!Files.exists(folder)) {
            return Optional.of("folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            return Optional.of(folder + " is not a folder");
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            return Optional.of("folder " + folder + " cannot be read");
        }
        return Optional.empty();
    }

    private static Path absolute(String folder) {
        return Path.of(folder).toAbsolutePath().normalize();
    }

    /**
     * One unit per file in path order, each naming the file relative to the folder, its absolute path and the
     * algorithm. Lists the folder on the calling thread, so a very large tree takes a moment.
     *
     * @throws InvalidParametersException if the parameters do not validate or the folder holds more than
     *                                    {@link #MAX_FILES} files
     */
    @Override
    public WorkPlan plan(Parameters parameters) {
        requireValid(parameters);
        Path folder = absolute(parameters.get(PARAM_FOLDER, DEFAULT_FOLDER));
        String algorithm = parameters.get(PARAM_ALGORITHM, DEFAULT_ALGORITHM);
        boolean recursive = parameters.getBoolean(PARAM_RECURSIVE, false);
        List<FolderListing.Entry> entries;
        try {
            entries = FolderListing.list(folder, recursive, MAX_FILES);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + folder + ": " + FileChecksum.reason(e), e);
        }
        if (entries.size() > MAX_FILES) {
            throw new InvalidParametersException(ID, List.of(new ParameterProblem(PARAM_FOLDER, "folder " + folder
                    + " holds more than " + MAX_FILES + " files" + (recursive ? " with its subfolders" : ""))));
        }
        List<WorkUnit> units = new ArrayList<>(entries.size());
        for (FolderListing.Entry entry : entries) {
            Map<String, String> data = new TreeMap<>(Map.of(KEY_FILE, entry.relativePath(), KEY_PATH,
                    entry.path().toString(), KEY_ALGORITHM, algorithm));
            if (!entry.problem().isEmpty()) {
                data.put(KEY_PROBLEM, entry.problem());
            }
            units.add(new WorkUnit(units.size(), data));
        }
        return WorkPlan.of(units, MAX_CONCURRENT_UNITS);
    }

    /**
     * @return the unit's {@link FileChecksum}, encoded; an unreadable file gives an unreadable row, not an
     *         exception
     * @throws CancellationException once cancelled, checked between chunks
     */
    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) throws NoSuchAlgorithmException {
        String file = unit.get(KEY_FILE);
        String problem = unit.data().get(KEY_PROBLEM);
        if (problem != null) {
            return result(unit, FileChecksum.unreadable(file, problem));
        }
        MessageDigest digest = MessageDigest.getInstance(unit.get(KEY_ALGORITHM));
        FileChecksum checksum;
        try {
            ChunkedDigester.Digest read = context.workerState(ChunkedDigester.class).digest(Path.of(unit.get(KEY_PATH)),
                    digest, context::isCanceled);
            checksum = FileChecksum.read(file, read.bytes(), read.hex());
        } catch (IOException e) {
            // An interrupted read fails like an unreadable file; it is a cancel, not a row.
            if (e instanceof ClosedByInterruptException || context.isCanceled() || Thread.currentThread().isInterrupted()) {
                throw (CancellationException) new CancellationException("Digesting " + file + " was cancelled").initCause(e);
            }
            checksum = FileChecksum.unreadable(file, FileChecksum.reason(e));
        }
        return result(unit, checksum);
    }

    private static UnitResult result(WorkUnit unit, FileChecksum checksum) {
        return new UnitResult(unit.index(), checksum.encode());
    }

    /**
     * Collects the rows by unit index; the snapshot is a {@link ResultValue.Table} of the files done so far in
     * path order, with columns File, Size (bytes) and the algorithm's name.
     */
    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        List<String> columns = List.of(COLUMN_FILE, COLUMN_SIZE, parameters.get(PARAM_ALGORITHM, DEFAULT_ALGORITHM));
        return new ResultAccumulator() {
            private final TreeMap<Long, List<String>> rowsByUnit = new TreeMap<>();

            @Override
            public void accept(UnitResult result) {
                rowsByUnit.put(result.unitIndex(), FileChecksum.decode(result.value()).cells());
            }

            @Override
            public ResultValue snapshot() {
                return new ResultValue.Table(columns, List.copyOf(rowsByUnit.values()));
            }
        };
    }

    @Override
    public WorkerStateFactory<ChunkedDigester> workerStateFactory() {
        return digesters;
    }

    /** Guards {@link #plan} against a caller that skipped {@link #validate}. */
    private void requireValid(Parameters parameters) {
        List<ParameterProblem> problems = validate(parameters);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(ID, problems);
        }
    }
}
