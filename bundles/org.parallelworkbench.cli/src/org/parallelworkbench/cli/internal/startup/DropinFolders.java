package org.parallelworkbench.cli.internal.startup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.parallelworkbench.install.DropinFolder;

/** The jars in File Install's watched folders, and whether their bundles are up. */
final class DropinFolders {

    private static final String SERVICE_COMPONENT = "Service-Component";

    private DropinFolders() {
    }

    /** The {@code *.jar} files in the folders now; hidden ones (a copy in progress) and missing folders are left out. */
    static List<Path> jars(String directories) {
        if (directories == null || directories.isBlank()) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        for (String directory : directories.split(",")) {
            try {
                new DropinFolder(Path.of(directory.trim())).jars().forEach(jar -> jars.add(jar.toAbsolutePath().normalize()));
            } catch (IOException e) {
                // an unreadable folder has nothing File Install could install either
            }
        }
        return jars;
    }

    /** Whether a file of this name is in one of the folders. */
    static boolean configurationFileExists(String directories, String fileName) {
        return directories != null && Arrays.stream(directories.split(",")).map(String::trim)
                .filter(directory -> !directory.isEmpty()).anyMatch(directory -> Files.isRegularFile(Path.of(directory, fileName)));
    }

    /**
     * Every jar has a bundle, installed from its file, that is ACTIVE and, if it declares components, has
     * registered a service: SCR registers them a moment after the bundle starts, and only then does the
     * engine see its providers.
     */
    static boolean allStarted(List<Path> jars, Bundle[] bundles) {
        Set<Path> started = Arrays.stream(bundles).filter(DropinFolders::started)
                .map(bundle -> fileOf(bundle.getLocation())).filter(Objects::nonNull).collect(Collectors.toSet());
        return started.containsAll(jars);
    }

    private static boolean started(Bundle bundle) {
        try {
            boolean declaresComponents = bundle.getHeaders("").get(SERVICE_COMPONENT) != null;
            return bundle.getState() == Bundle.ACTIVE && (!declaresComponents || bundle.getRegisteredServices() != null);
        } catch (IllegalStateException uninstalledMeanwhile) {
            return false;
        }
    }

    /** The file a {@code file:} location names; null for other locations. */
    static Path fileOf(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            return Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
        }
    }
}
