package org.parallelworkbench.install;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The folder File Install watches for worker bundles. A jar goes in under a hidden temporary name and is
 * then renamed into place, because File Install takes a file it already knows as stable at once and
 * would uninstall the old version on seeing a half-written one; a replacement keeps the old file's name,
 * so File Install updates that bundle instead of installing a second one. Usable without OSGi. Two
 * instances are equal when they name the same absolute, normalised path.
 */
public final class DropinFolder {

    private final Path folder;

    public DropinFolder(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
    }

    public Path path() {
        return folder;
    }

    /**
     * Copies the inspected jar into the folder, replacing the drop-in with the same symbolic name if there
     * is one; nothing is copied when the report has an error.
     *
     * @return where the jar now is
     * @throws IllegalArgumentException naming the report's errors
     * @throws IOException              when the folder cannot be written
     */
    public Path install(WorkerBundleReport report) throws IOException {
        if (!report.installable()) {
            throw new IllegalArgumentException(String.join("; ",
                    report.problems().stream().filter(BundleProblem::isError).map(BundleProblem::message).toList()));
        }
        Files.createDirectories(folder);
        Path target = find(report.symbolicName()).orElse(folder.resolve(report.symbolicName() + ".jar"));
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
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
    public Optional<Path> uninstall(String symbolicName) throws IOException {
        Optional<Path> jar = find(symbolicName);
        if (jar.isPresent()) {
            Files.delete(jar.get());
        }
        return jar;
    }

    /** The drop-in jar whose bundle has this symbolic name, if any. */
    public Optional<Path> find(String symbolicName) throws IOException {
        return jars().stream().filter(jar -> symbolicName.equals(symbolicNameOf(jar))).findFirst();
    }

    /** The jars File Install would install from the folder now, by name; hidden ones are copies in progress. */
    public List<Path> jars() throws IOException {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return jars;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "[!.]*.jar")) {
            entries.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }

    /**
     * Whether a bundle installed from this location came from a jar directly in this folder, as File
     * Install installs drop-ins: by {@code file:} URI or by absolute path. Other locations ({@code reference:},
     * {@code initial@}, a jar in a subfolder) are not this folder's.
     */
    public boolean holds(String location) {
        Path jar = pathOf(location);
        Path parent = jar == null ? null : jar.getParent();
        if (parent == null) {
            return false;
        }
        if (parent.equals(folder)) {
            return true;
        }
        try {
            // File Install watches the folder's canonical path, so a symlinked folder installs from its target.
            return Files.isSameFile(parent, folder);
        } catch (IOException | SecurityException notBothThere) {
            return false;
        }
    }

    /** The jar a bundle location names, by {@code file:} URI or absolute path; empty for other locations. */
    public static Optional<Path> jarOf(String location) {
        return Optional.ofNullable(pathOf(location));
    }

    private static Path pathOf(String location) {
        try {
            Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            return path.isAbsolute() ? path.normalize() : null;
        } catch (RuntimeException notAPath) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DropinFolder that && folder.equals(that.folder);
    }

    @Override
    public int hashCode() {
        return folder.hashCode();
    }

    @Override
    public String toString() {
        return folder.toString();
    }

    /** The jar's Bundle-SymbolicName without attributes; null when it has none or is no jar. */
    static String symbolicNameOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? null : name.split(";", 2)[0].trim();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
