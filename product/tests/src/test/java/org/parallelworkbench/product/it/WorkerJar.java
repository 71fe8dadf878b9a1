package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A worker bundle generated and compiled at test time, so drop-in tests need no checked-in binaries: one
 * Declarative Services component providing {@code org.parallelworkbench.core.WorkProvider} whose single unit
 * answers {@link #answer(String)}, and whose {@code ProviderInfo} version is the bundle version. Compiled
 * against the core jar and the framework API of the unpacked product, so it binds to what users have.
 * <p>
 * Bad bundles for negative tests: {@link #header} replaces or adds a manifest header (e.g. an import nobody
 * exports, another SPI range), {@link #withoutHeader} drops one, {@link #activatorStart} adds a
 * {@code BundleActivator}, {@link #componentActivate} gives the component an activate method, and
 * {@link #withoutManifest} writes a plain jar.
 */
final class WorkerJar {

    static final String SPI_PACKAGE = "org.parallelworkbench.core";
    /** The core's exported SPI version 0.5.0, imported as a consumer does. */
    static final String SPI_IMPORT = SPI_PACKAGE + ";version=\"[0.5,1)\"";
    static final String PROVIDER_CLASS = "GeneratedProvider";
    static final String ACTIVATOR_CLASS = "GeneratedActivator";

    private final String providerId;
    private String symbolicName;
    private String version = "1.0.0";
    private String answer = "v1";
    private final Map<String, String> headerOverrides = new LinkedHashMap<>();
    private final List<String> removedHeaders = new ArrayList<>();
    private String activatorStart;
    private String componentActivate;
    private String unitFirst = "";
    private boolean manifest = true;

    private WorkerJar(String providerId) {
        this.providerId = providerId;
        this.symbolicName = "org.parallelworkbench.it.dropin." + providerId;
    }

    /** A bundle {@code org.parallelworkbench.it.dropin.<providerId>} 1.0.0 whose provider answers "v1". */
    static WorkerJar provider(String providerId) {
        return new WorkerJar(providerId);
    }

    WorkerJar symbolicName(String name) {
        this.symbolicName = name;
        return this;
    }

    /** Bundle-Version, also the provider's version as listed by {@code providers}. */
    WorkerJar version(String bundleVersion) {
        this.version = bundleVersion;
        return this;
    }

    /** The value of the provider's one unit, the run's result. */
    WorkerJar answer(String value) {
        this.answer = value;
        return this;
    }

    /** Sets a manifest header, replacing the generated one of that name. */
    WorkerJar header(String name, String value) {
        headerOverrides.put(name, value);
        removedHeaders.remove(name);
        return this;
    }

    WorkerJar withoutHeader(String name) {
        headerOverrides.remove(name);
        removedHeaders.add(name);
        return this;
    }

    /** Adds a BundleActivator whose {@code start(BundleContext context)} runs these Java statements. */
    WorkerJar activatorStart(String javaStatements) {
        this.activatorStart = javaStatements;
        return this;
    }

    /** Gives the component an activate method running these Java statements (which may throw Exception). */
    WorkerJar componentActivate(String javaStatements) {
        this.componentActivate = javaStatements;
        return this;
    }

    /**
     * Runs these Java statements at the start of the unit, before it answers; they see {@code unit} and
     * {@code context} and may throw Exception. E.g. a unit that runs until its run is cancelled.
     */
    WorkerJar unitFirst(String javaStatements) {
        this.unitFirst = javaStatements;
        return this;
    }

    /** Writes a jar with classes and component XML but no META-INF/MANIFEST.MF. */
    WorkerJar withoutManifest() {
        this.manifest = false;
        return this;
    }

    String providerId() {
        return providerId;
    }

    String symbolicName() {
        return symbolicName;
    }

    String version() {
        return version;
    }

    String answer() {
        return answer;
    }

    /** The package of the generated classes: one per symbolic name, so two generated bundles never share one. */
    String javaPackage() {
        return "org.parallelworkbench.it.generated." + symbolicName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** Compiles the classes in a scratch folder under {@code workDir} and writes the jar to {@code jar}. */
    Path writeTo(Path jar, Path workDir) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory(Files.createDirectories(workDir), "worker-jar");
        Path sources = Files.createDirectories(scratch.resolve("src"));
        Path classes = Files.createDirectories(scratch.resolve("classes"));
        List<Path> files = new ArrayList<>();
        files.add(writeSource(sources, PROVIDER_CLASS, providerSource()));
        if (activatorStart != null) {
            files.add(writeSource(sources, ACTIVATOR_CLASS, activatorSource()));
        }
        compile(files, classes);

        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = manifest ? new JarOutputStream(file, manifest()) : new JarOutputStream(file)) {
            put(out, "OSGI-INF/" + PROVIDER_CLASS + ".xml", componentXml().getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> all = Files.walk(classes)) {
                for (Path classFile : all.filter(Files::isRegularFile).sorted().toList()) {
                    put(out, classes.relativize(classFile).toString().replace('\\', '/'), Files.readAllBytes(classFile));
                }
            }
        }
        Product.deleteRecursively(scratch);
        return jar;
    }

    /** The manifest main attributes after overrides; what the framework will read. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
        headers.put("Bundle-Name", "Generated test worker " + providerId);
        headers.put("Bundle-Vendor", "Parallel Workbench tests");
        headers.put("Import-Package", activatorStart == null ? SPI_IMPORT : SPI_IMPORT + ",org.osgi.framework;version=\"[1.8,2)\"");
        headers.put("Service-Component", "OSGI-INF/" + PROVIDER_CLASS + ".xml");
        if (activatorStart != null) {
            headers.put("Bundle-Activator", javaPackage() + "." + ACTIVATOR_CLASS);
        }
        headers.putAll(headerOverrides);
        removedHeaders.forEach(headers::remove);
        return headers;
    }

    private Manifest manifest() {
        Manifest result = new Manifest();
        Attributes main = result.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers().forEach((name, value) -> main.put(new Attributes.Name(name), value));
        return result;
    }

    private String providerSource() {
        String activate = componentActivate == null ? "" : """
                    public void activate() throws Exception {
                        %s
                    }
                """.formatted(componentActivate);
        return """
                package %s;

                import java.util.List;
                import java.util.Map;

                import org.parallelworkbench.core.Parameters;
                import org.parallelworkbench.core.ProviderInfo;
                import org.parallelworkbench.core.UnitContext;
                import org.parallelworkbench.core.UnitResult;
                import org.parallelworkbench.core.WorkPlan;
                import org.parallelworkbench.core.WorkProvider;
                import org.parallelworkbench.core.WorkUnit;

                public final class %s implements WorkProvider {
                    private static final ProviderInfo INFO = new ProviderInfo(%s, %s, %s, %s);
                %s
                    @Override
                    public ProviderInfo info() {
                        return INFO;
                    }

                    @Override
                    public WorkPlan plan(Parameters parameters) {
                        return WorkPlan.of(List.of(new WorkUnit(0, Map.of())), 1);
                    }

                    @Override
                    public UnitResult execute(WorkUnit unit, UnitContext context) throws Exception {
                        %s
                        return new UnitResult(unit.index(), %s);
                    }
                }
                """.formatted(javaPackage(), PROVIDER_CLASS, literal(providerId), literal("Generated " + providerId),
                literal("A generated drop-in test worker."), literal(version), activate, unitFirst, literal(answer));
    }

    private String activatorSource() {
        return """
                package %s;

                import org.osgi.framework.BundleActivator;
                import org.osgi.framework.BundleContext;

                public final class %s implements BundleActivator {
                    @Override
                    public void start(BundleContext context) throws Exception {
                        %s
                    }

                    @Override
                    public void stop(BundleContext context) {
                    }
                }
                """.formatted(javaPackage(), ACTIVATOR_CLASS, activatorStart);
    }

    /** What the shipped workers' DS annotations generate (see their OSGI-INF), plus an optional activate method. */
    private String componentXml() {
        String className = javaPackage() + "." + PROVIDER_CLASS;
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s"%s>
                  <service>
                    <provide interface="org.parallelworkbench.core.WorkProvider"/>
                  </service>
                  <implementation class="%s"/>
                </scr:component>
                """.formatted(className, componentActivate == null ? "" : " activate=\"activate\"", className);
    }

    private Path writeSource(Path sources, String className, String source) throws IOException {
        Path dir = Files.createDirectories(sources.resolve(javaPackage().replace('.', '/')));
        return Files.writeString(dir.resolve(className + ".java"), source);
    }

    private static void compile(List<Path> sources, Path classes) throws IOException, InterruptedException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "generating worker bundles needs a JDK, not a JRE: " + System.getProperty("java.home"));
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-d", classes.toString(),
                "-classpath", coreJar() + File.pathSeparator + Product.home().resolve("bin/felix.jar")));
        sources.forEach(source -> args.add(source.toString()));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, status, () -> "the generated worker did not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
    }

    /** The core bundle shipped in the product's bundle/ folder, e.g. org.parallelworkbench.core_0.1.0.2026….jar. */
    static Path coreJar() throws IOException, InterruptedException {
        try (Stream<Path> jars = Files.list(Product.home().resolve("bundle"))) {
            List<Path> cores = jars.filter(p -> p.getFileName().toString().startsWith(SPI_PACKAGE + "_")).toList();
            assertEquals(1, cores.size(), () -> "expected one core bundle in bundle/: " + cores);
            assertTrue(Files.isRegularFile(cores.get(0)));
            return cores.get(0);
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static String literal(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
