package org.parallelworkbench.install;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A folder File Install watches for worker bundles, read-only: its jars and which bundle locations are its own.
 * Only {@link WorkerBundleChanges} writes to it. Usable without OSGi. Two instances are equal when they name the
 * same absolute, normalised path.
 */
public final class DropinFolder {

    private final Path folder;

    public DropinFolder(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
    }

    public Path path() {
        return folder;
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
