package org.parallelworkbench.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes {@link ProcessBenchProvider} as an OSGi bundle, from the class files this JVM loaded it from (a folder
 * or a jar), so the worker process runs the very code the harness plans with. One Declarative Services component
 * provides {@code org.parallelworkbench.core.WorkProvider}; the bundle imports only the core SPI.
 */
public final class ProviderBundle {

    public static final String SYMBOLIC_NAME = "org.parallelworkbench.benchmarks.processbench";
    public static final String COMPONENT_XML = "OSGI-INF/" + ProcessBenchProvider.class.getName() + ".xml";
    static final String SPI_IMPORT = "org.parallelworkbench.core;version=\"[0.5,1)\"";

    /**
     * The product's bundles a worker process needs besides the provider's, by file-name prefix in
     * {@code <home>/bundle}: the SPI, the worker host and its channel, Declarative Services and what SCR imports.
     */
    public static final List<String> PRODUCT_BUNDLE_PREFIXES = List.of("org.parallelworkbench.core_",
            "org.parallelworkbench.process.channel_", "org.parallelworkbench.process.host_", "org.apache.felix.scr_",
            "org.osgi.util.promise_", "org.osgi.util.function_", "org.osgi.service.component_");

    private ProviderBundle() {
    }

    /** Writes the bundle to {@code jar} and returns it. */
    public static Path write(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", ProcessBenchProvider.VERSION + ".0.0");
        main.putValue("Bundle-Name", "Parallel Workbench worker-process benchmark provider");
        main.putValue("Import-Package", SPI_IMPORT);
        main.putValue("Service-Component", COMPONENT_XML);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            put(out, COMPONENT_XML, componentXml().getBytes(StandardCharsets.UTF_8));
            for (ClassFile classFile : providerClassFiles()) {
                put(out, classFile.name(), classFile.bytes());
            }
        }
        return jar;
    }

    /** The {@code file:} URIs of the provider bundle and of the product bundles it needs, as bundle locations. */
    public static List<String> locations(Path providerJar, Path productHome) throws IOException {
        List<String> locations = new ArrayList<>();
        locations.add(providerJar.toAbsolutePath().toUri().toString());
        List<Path> shipped;
        try (Stream<Path> jars = Files.list(productHome.resolve("bundle"))) {
            shipped = jars.sorted().toList();
        }
        for (String prefix : PRODUCT_BUNDLE_PREFIXES) {
            List<Path> matches = shipped.stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            if (matches.size() != 1) {
                throw new IllegalStateException("Expected one bundle " + prefix + "*.jar in " + productHome.resolve("bundle")
                        + ", found " + matches);
            }
            locations.add(matches.get(0).toAbsolutePath().toUri().toString());
        }
        return locations;
    }

    /** What the shipped workers' DS annotations generate. */
    static String componentXml() {
        String className = ProcessBenchProvider.class.getName();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s">
                  <service>
                    <provide interface="org.parallelworkbench.core.WorkProvider"/>
                  </service>
                  <implementation class="%s"/>
                </scr:component>
                """.formatted(className, className);
    }

    /** The provider's class and its nested classes, as jar entry names and bytes. */
    static List<ClassFile> providerClassFiles() throws IOException {
        Path codeSource;
        try {
            codeSource = Path.of(ProcessBenchProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("Cannot find the class files of " + ProcessBenchProvider.class.getName() + ": " + e, e);
        }
        if (Files.isDirectory(codeSource)) {
            return classFilesUnder(codeSource);
        }
        try (FileSystem jar = FileSystems.newFileSystem(codeSource)) {
            return classFilesUnder(jar.getPath("/"));
        }
    }

    private static List<ClassFile> classFilesUnder(Path root) throws IOException {
        String binaryName = ProcessBenchProvider.class.getName().replace('.', '/');
        Path folder = root.resolve(binaryName).getParent();
        String simpleName = ProcessBenchProvider.class.getSimpleName();
        List<ClassFile> files = new ArrayList<>();
        try (Stream<Path> all = Files.list(folder)) {
            for (Path file : all.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals(simpleName + ".class") || name.startsWith(simpleName + "$") && name.endsWith(".class")) {
                    files.add(new ClassFile(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file)));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException("No class file of " + ProcessBenchProvider.class.getName() + " under " + root);
        }
        return files;
    }

    /** Deletes a scratch folder and what it holds; what cannot be deleted stays (it is in the temp folder). */
    static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // left to the temp folder's cleaning
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    record ClassFile(String name, byte[] bytes) {
    }
}
