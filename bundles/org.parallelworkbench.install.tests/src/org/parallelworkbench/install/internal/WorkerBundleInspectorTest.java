package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.WorkerBundleReport;
import org.parallelworkbench.install.testbundles.NamedProvider;
import org.parallelworkbench.testing.TestJars;

/** The inspector on jar files made in the test, no framework involved. */
class WorkerBundleInspectorTest {

    private final WorkerBundleInspector inspector = new WorkerBundleInspector("0.5.0");

    @TempDir
    Path folder;

    @Test
    void aGoodWorkerBundleShowsItsIdentityAndProvidersWithoutProblems() throws IOException {
        Path file = goodWorker().write(folder.resolve("good.jar"));

        WorkerBundleReport report = inspector.inspect(file);

        assertEquals("com.example.good", report.symbolicName());
        assertEquals("1.2.3", report.version());
        assertEquals("Good Worker", report.name());
        assertEquals("Example Inc.", report.vendor());
        assertEquals(List.of(new DeclaredProvider("com.example.good.provider", NamedProvider.class.getName())),
                report.providers());
        assertEquals(List.of(), report.problems());
        assertTrue(report.installable());
        assertFalse(report.signed());
        assertEquals("not signed", report.signature());
    }

    @Test
    void aTextFileNamedJarIsNotAJar() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.jar"), "just some text\n");

        WorkerBundleReport report = inspector.inspect(file);

        assertEquals(1, report.problems().size(), report.problems()::toString);
        BundleProblem problem = report.problems().get(0);
        assertTrue(problem.isError());
        assertTrue(problem.message().startsWith("notes.jar is not a jar: "), problem.message());
        assertFalse(report.installable());
    }

    @Test
    void aJarWithoutManifestIsNotABundle() throws IOException {
        Path file = TestJars.withoutManifest().entry("readme.txt", "hello").write(folder.resolve("bare.jar"));

        WorkerBundleReport report = inspector.inspect(file);

        assertEquals(List.of(BundleProblem.error("bare.jar has no bundle manifest (Bundle-SymbolicName); it is a plain jar,"
                + " not an OSGi bundle")), report.problems());
        assertEquals("", report.symbolicName());
    }

    @Test
    void aPlainJarWithAManifestButNoSymbolicNameIsNotABundle() throws IOException {
        Path file = TestJars.plainJar().header("Main-Class", "com.example.Main").entry("com/example/Main.txt", "x")
                .write(folder.resolve("plain.jar"));

        WorkerBundleReport report = inspector.inspect(file);

        assertEquals(List.of(BundleProblem.error("plain.jar has no bundle manifest (Bundle-SymbolicName); it is a plain"
                + " jar, not an OSGi bundle")), report.problems());
        assertFalse(report.installable());
    }

    @Test
    void aBundleForAnotherSpiVersionNamesTheRangeAndThePlatformVersion() throws IOException {
        Path file = goodWorker().header("Import-Package", "org.osgi.framework,org.parallelworkbench.core;version=\"[0.6,0.7)\"")
                .write(folder.resolve("future.jar"));

        WorkerBundleReport report = inspector.inspect(file);

        assertEquals(List.of(BundleProblem.error("Worker bundle com.example.good 1.2.3 needs the provider SPI"
                + " org.parallelworkbench.core [0.6,0.7); this platform provides 0.5.0")), report.problems());
        assertFalse(report.installable());
    }

    @Test
    void anSpiRangeThatIncludesThePlatformVersionIsFine() throws IOException {
        Path file = goodWorker().header("Import-Package", "org.parallelworkbench.core;version=0.2").write(folder.resolve("open.jar"));

        assertEquals(List.of(), inspector.inspect(file).problems());
        assertFalse(new WorkerBundleInspector("0.1.0").inspect(file).installable());
    }

    @Test
    void aBundleWithoutProvidersGetsAWarningAndMayStillBeInstalled() throws IOException {
        Path file = TestJars.bundle("com.example.library", "2.0.0").header("Import-Package", TestJars.SPI_IMPORT)
                .write(folder.resolve("library.jar"));

        WorkerBundleReport report = inspector.inspect(file);

        assertEquals(List.of(BundleProblem.warning("Worker bundle com.example.library 2.0.0 declares no"
                + " org.parallelworkbench.core.WorkProvider component; it adds no provider")), report.problems());
        assertTrue(report.installable());
    }

    @Test
    void componentFilesNamedByAWildcardAreRead() throws IOException {
        Path file = goodWorker().header("Service-Component", "OSGI-INF/*.xml").write(folder.resolve("wildcard.jar"));

        assertEquals(List.of("com.example.good.provider"),
                inspector.inspect(file).providers().stream().map(DeclaredProvider::componentName).toList());
    }

    @Test
    void aMissingComponentFileIsAWarning() throws IOException {
        Path file = goodWorker().header("Service-Component", "OSGI-INF/absent.xml").write(folder.resolve("absent.jar"));

        List<String> messages = inspector.inspect(file).problems().stream().map(BundleProblem::message).toList();

        assertEquals(List.of("Worker bundle com.example.good 1.2.3: Service-Component names OSGI-INF/absent.xml, which the"
                + " bundle does not contain", "Worker bundle com.example.good 1.2.3 declares no"
                + " org.parallelworkbench.core.WorkProvider component; it adds no provider"), messages);
    }

    @Test
    void aJarSignedWithTheJdkToolsIsSignedByItsCertificate() throws Exception {
        Path file = goodWorker().write(folder.resolve("signed.jar"));
        Path keystore = folder.resolve("keys.p12");
        run(tool("keytool"), "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass",
                "changeit", "-keypass", "changeit", "-alias", "worker", "-keyalg", "EC", "-dname",
                "CN=Worker Author,O=Example", "-validity", "2");
        run(tool("jarsigner"), "-keystore", keystore.toString(), "-storepass", "changeit", file.toString(), "worker");

        WorkerBundleReport report = inspector.inspect(file);

        assertTrue(report.signed(), report::toString);
        assertEquals("signed by CN=Worker Author,O=Example", report.signature());
        assertEquals(List.of(), report.problems());
    }

    @Test
    void aSignedJarWithAChangedClassIsReported() throws Exception {
        Path file = goodWorker().write(folder.resolve("tampered.jar"));
        Path keystore = folder.resolve("keys.p12");
        run(tool("keytool"), "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass",
                "changeit", "-keypass", "changeit", "-alias", "worker", "-keyalg", "EC", "-dname", "CN=Worker Author",
                "-validity", "2");
        run(tool("jarsigner"), "-keystore", keystore.toString(), "-storepass", "changeit", file.toString(), "worker");
        Path tampered = rewriteEntry(file, NamedProvider.class.getName().replace('.', '/') + ".class");

        WorkerBundleReport report = inspector.inspect(tampered);

        assertFalse(report.signed());
        assertFalse(report.installable());
        assertTrue(report.problems().get(0).message().startsWith("tampered.jar is signed, but org/parallelworkbench/install/"
                + "testbundles/NamedProvider.class does not match its signature"), report.problems()::toString);
    }

    private static TestJars goodWorker() {
        return TestJars.bundle("com.example.good", "1.2.3").header("Bundle-Name", "Good Worker")
                .header("Bundle-Vendor", "Example Inc.").header("Import-Package", TestJars.SPI_IMPORT)
                .provider("com.example.good.provider", NamedProvider.class, Map.of("providerId", "good"));
    }

    /** The same jar with one entry's bytes changed and everything else, signature included, kept. */
    private Path rewriteEntry(Path signed, String changedEntry) throws IOException {
        Path out = folder.resolve("tampered.jar");
        Path copy = folder.resolve("original.jar");
        Files.move(signed, copy);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(copy.toFile());
                java.util.zip.ZipOutputStream target = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(changedEntry)) {
                    bytes[bytes.length - 1] ^= 1;
                }
                target.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                target.write(bytes);
                target.closeEntry();
            }
        }
        return out;
    }

    private static String tool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        assertTrue(Files.isExecutable(tool), () -> "the JDK running the tests has no " + tool);
        return tool.toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> command[0] + " did not finish");
        assertEquals(0, process.exitValue(), () -> List.of(command) + ": " + new String(output, StandardCharsets.UTF_8));
    }
}
