package org.parallelworkbench.product.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The unpacked product's {@code dropins/} folder as a test fills it. Every file arrives whole, as
 * {@code DropinFolder} installs: written under a hidden {@code .part} name that File Install's filter ignores,
 * then renamed over its place in one step, so File Install never sees a half-written jar. Every name used is
 * remembered and deleted again by {@link #close()}, so tests leave no drop-in to the next one.
 */
final class Dropins implements AutoCloseable {

    private final List<Path> used = new ArrayList<>();

    /** The folder File Install watches. */
    static Path folder() throws IOException, InterruptedException {
        return Product.home().resolve("dropins");
    }

    /** The worker's place in {@code dropins/}: its symbolic name, so a newer version replaces an older one. */
    static Path place(WorkerJar worker) throws IOException, InterruptedException {
        return folder().resolve(worker.symbolicName() + ".jar");
    }

    /** The provider's first line in a providers listing: id, version (the bundle's), name. */
    static String listed(WorkerJar worker) {
        return worker.providerId() + " " + worker.version() + "  Generated " + worker.providerId();
    }

    /** Builds the worker and drops it into its place; returns the place. */
    Path drop(WorkerJar worker) throws IOException, InterruptedException {
        return moveIntoPlace(stage(worker), worker);
    }

    /** Drops a jar built earlier (to keep building out of a timed loop) into the worker's place. */
    Path drop(Path builtJar, WorkerJar worker) throws IOException, InterruptedException {
        Path staged = staging(place(worker));
        Files.copy(builtJar, staged);
        return moveIntoPlace(staged, worker);
    }

    /** Drops a file that is not a worker jar under the name. */
    Path dropText(String name, String text) throws IOException, InterruptedException {
        Path file = folder().resolve(name);
        Path staged = staging(file);
        Files.writeString(staged, text, StandardCharsets.UTF_8);
        return Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Builds the whole jar next to the worker's place, not yet in it, for a test that times the drop alone;
     * {@link #moveIntoPlace} then drops it.
     */
    Path stage(WorkerJar worker) throws IOException, InterruptedException {
        return worker.writeTo(staging(place(worker)), Product.WORK_DIR);
    }

    /** One atomic rename of a staged jar into the worker's place, over an older jar there. */
    Path moveIntoPlace(Path staged, WorkerJar worker) throws IOException, InterruptedException {
        return Files.move(staged, remembered(place(worker)), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private Path staging(Path target) {
        remembered(target);
        return remembered(target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part"));
    }

    private Path remembered(Path file) {
        if (!used.contains(file)) {
            used.add(file);
        }
        return file;
    }

    /** Deletes every file dropped or staged, if still there. */
    @Override
    public void close() throws IOException {
        for (Path file : used) {
            Files.deleteIfExists(file);
        }
    }
}
