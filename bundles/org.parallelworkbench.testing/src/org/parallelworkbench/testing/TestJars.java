package org.parallelworkbench.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds bundle jars for tests with java.util.jar: headers, entries, classes of the calling test fragment, and DS
 * components providing {@code WorkProvider}. Not thread-safe; one builder per jar.
 */
public final class TestJars {

    /** The provider SPI import, as this platform's worker bundles declare it. */
    public static final String SPI_IMPORT = "org.parallelworkbench.core;version=\"[0.5,1)\"";

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private boolean withManifest = true;

    private TestJars() {
    }

    /** A bundle with a symbolic name and version and nothing else. */
    public static TestJars bundle(String symbolicName, String version) {
        TestJars jar = new TestJars();
        jar.headers.put("Bundle-ManifestVersion", "2");
        jar.headers.put("Bundle-SymbolicName", symbolicName);
        jar.headers.put("Bundle-Version", version);
        return jar;
    }

    /** A jar with a manifest holding only the given headers (none: a plain jar's manifest). */
    public static TestJars plainJar() {
        return new TestJars();
    }

    /** A jar without META-INF/MANIFEST.MF. */
    public static TestJars withoutManifest() {
        TestJars jar = new TestJars();
        jar.withManifest = false;
        return jar;
    }

    public TestJars header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public TestJars entry(String path, String text) {
        entries.put(path, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Copies a class (of the calling test fragment) into the jar under its own name, read through its own loader. */
    public TestJars classOf(Class<?> type) {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            entries.put(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A DS component providing WorkProvider, with an activate method and properties. */
    public TestJars provider(String componentName, Class<?> implementation, Map<String, String> properties) {
        String path = "OSGI-INF/" + componentName + ".xml";
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"").append(componentName)
                .append("\" activate=\"activate\">\n");
        properties.forEach((name, value) -> xml.append("  <property name=\"").append(name).append("\" value=\"")
                .append(value).append("\"/>\n"));
        xml.append("  <service><provide interface=\"org.parallelworkbench.core.WorkProvider\"/></service>\n")
                .append("  <implementation class=\"").append(implementation.getName()).append("\"/>\n")
                .append("</scr:component>\n");
        entries.put(path, xml.toString().getBytes(StandardCharsets.UTF_8));
        String existing = headers.get("Service-Component");
        headers.put("Service-Component", existing == null ? path : existing + "," + path);
        return classOf(implementation);
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = withManifest ? new JarOutputStream(out, manifest()) : new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(withManifest ? new JarEntry(entry.getKey()) : new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    private Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> main.put(new Attributes.Name(name), value));
        return manifest;
    }
}
