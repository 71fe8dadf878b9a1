package org.parallelworkbench.install.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.WorkerBundleReport;

/**
 * Writes to a {@link DropinFolder}, for {@link BundleLifecycle} only. A jar goes in under a hidden temporary name
 * and is then renamed into place, because File Install takes a file it already knows as stable at once and would
 * uninstall the old version on seeing a half-written one; a replacement keeps the old file's name, so File Install
 * updates that bundle instead of installing a second one.
 */
final class DropinFiles {

    private DropinFiles() {
    }

    /**
     * Copies the inspected jar into the folder, replacing the drop-in with the same symbolic name if there
     * is one; nothing is copied when the report has an error.
     *
     * @return where the jar now is
     * @throws IllegalArgumentException naming the report's errors
     * @throws IOException              when the folder cannot be written
     */
    static Path copyInto(DropinFolder folder, WorkerBundleReport report) throws IOException {
        if (!report.installable()) {
            throw new IllegalArgumentException(String.join("; ",
                    report.problems().stream().filter(BundleProblem::isError).map(BundleProblem::message).toList()));
        }
        Files.createDirectories(folder.path());
        Path target = folder.find(report.symbolicName()).orElse(folder.path().resolve(report.symbolicName() + ".jar"));
        Path temp = folder.path().resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.copy(report.file(), temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /**
     * Deletes the drop-in with this symbolic name; File Install then uninstalls its bundle.
     *
     * @return the deleted file; empty when no drop-in has that name
     */
    static Optional<Path> delete(DropinFolder folder, String symbolicName) throws IOException {
        Optional<Path> jar = folder.find(symbolicName);
        if (jar.isPresent()) {
            Files.delete(jar.get());
        }
        return jar;
    }
}
