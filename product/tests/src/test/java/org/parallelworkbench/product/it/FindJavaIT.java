package org.parallelworkbench.product.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/find-java.sh as shipped, sourced by /bin/sh in a clean environment. Fake JDKs are folders with
 * a release file and an executable bin/java; the jvm root is redirected with PW_JVM_ROOT.
 */
class FindJavaIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    Path emptyDir;

    @BeforeEach
    void emptyDir() throws IOException {
        emptyDir = Files.createDirectories(temp.resolve("empty"));
    }

    private Command.Result findJava(Map<String, String> env) throws Exception {
        Path script = Product.home().resolve("bin/find-java.sh");
        Map<String, String> clean = new HashMap<>(Map.of("PATH", emptyDir.toString(), "PW_JVM_ROOT", emptyDir.toString()));
        clean.putAll(env);
        return new Command(List.of("/bin/sh", "-c", ". \"$1\" && pw_find_java", "sh", script.toString()), temp, clean, false)
                .run(TIMEOUT, temp.resolve("out"));
    }

    private Path fakeJdk(Path parent, String name, String version) throws IOException {
        Path home = Files.createDirectories(parent.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\n");
        fakeExecutable(Files.createDirectories(home.resolve("bin")).resolve("java"), "exit 0");
        return home;
    }

    private static void fakeExecutable(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void noJava21AnywherePrintsOneLineSayingWhatToInstallAndFails() throws Exception {
        Command.Result result = findJava(Map.of("JAVA_HOME", emptyDir.toString()));
        assertEquals(1, result.exitCode(), result::describe);
        assertEquals("", result.stdout(), result::describe);
        List<String> lines = result.stderr().lines().toList();
        assertEquals(1, lines.size(), result::describe);
        assertTrue(lines.get(0).contains("no Java 21 or newer found"), result::describe);
        assertTrue(lines.get(0).contains("install a JDK 21+"), result::describe);
    }

    @Test
    void javaHomeOf21OrNewerWins() throws Exception {
        Path jdk = fakeJdk(temp, "jdk21", "21.0.5");
        fakeJdk(temp.resolve("jvm"), "jdk-25", "25.0.1");
        Command.Result result = findJava(Map.of("JAVA_HOME", jdk.toString(), "PW_JVM_ROOT", temp.resolve("jvm").toString()));
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(jdk.resolve("bin/java").toString(), result.stdout().strip(), result::describe);
    }

    @Test
    void javaOnPathIsUsedWhenJavaHomeIsTooOld() throws Exception {
        Path old = fakeJdk(temp, "jdk17", "17.0.12");
        Path bin = Files.createDirectories(temp.resolve("path-bin"));
        fakeExecutable(bin.resolve("java"), "echo '    java.version = 22.0.2' >&2");
        Command.Result result = findJava(Map.of("JAVA_HOME", old.toString(), "PATH", bin.toString()));
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(bin.resolve("java").toString(), result.stdout().strip(), result::describe);
    }

    @Test
    void newestJdk21OrNewerUnderTheJvmRootIsTheLastResort() throws Exception {
        Path jvm = Files.createDirectories(temp.resolve("jvm"));
        fakeJdk(jvm, "java-17-openjdk", "17.0.12");
        fakeJdk(jvm, "java-21-openjdk", "21.0.5");
        Path newest = fakeJdk(jvm, "temurin-25-jdk", "25.0.1");
        fakeJdk(jvm, "temurin-25-jdk-older", "25.0.0");
        Command.Result result = findJava(Map.of("PW_JVM_ROOT", jvm.toString()));
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(newest.resolve("bin/java").toString(), result.stdout().strip(), result::describe);
    }

    @Test
    void theMajorVersionComesFromTheHomesReleaseFileElseFromTheBinary() throws Exception {
        Path jdk21 = fakeJdk(temp, "jdk21", "21.0.5");
        Path jdk25 = fakeJdk(temp, "jdk25", "25");
        Path bin = Files.createDirectories(temp.resolve("path-bin"));
        fakeExecutable(bin.resolve("java"), "echo '    java.version = 23.0.2' >&2");
        assertEquals("21", javaMajor(jdk21.resolve("bin/java")));
        assertEquals("25", javaMajor(jdk25.resolve("bin/java")));
        assertEquals("23", javaMajor(bin.resolve("java")));
    }

    /**
     * The launcher allows Felix's sun.misc.Unsafe use (else Java 24+ warns at every start) only on a Java that
     * knows the option: a Java 21 would refuse to start with it.
     */
    @Test
    void theLauncherPassesTheUnsafeOptionOnlyToJava23AndNewer() throws Exception {
        for (String version : List.of("21.0.5", "23.0.1", "25.0.1")) {
            Path jdk = fakeJdk(temp, "jdk-" + version, version);
            fakeExecutable(jdk.resolve("bin/java"), "printf '%s\\n' \"$@\"");
            Path launcher = Product.home().resolve("bin/parallel-workbench");
            Command.Result result = new Command(List.of(launcher.toString(), "providers"), temp,
                    Map.of("JAVA_HOME", jdk.toString(), "PATH", "/usr/bin:/bin"), false).run(TIMEOUT, temp.resolve("out-" + version));
            assertEquals(0, result.exitCode(), result::describe);
            List<String> arguments = result.stdout().lines().toList();
            assertTrue(arguments.contains("-jar"), result::describe);
            assertEquals(!version.startsWith("21"), arguments.contains("--sun-misc-unsafe-memory-access=allow"),
                    () -> "Java " + version + ": " + arguments);
        }
    }

    private String javaMajor(Path java) throws Exception {
        Path script = Product.home().resolve("bin/find-java.sh");
        Command.Result result = new Command(List.of("/bin/sh", "-c", ". \"$1\" && pw_java_major \"$2\"", "sh", script.toString(),
                java.toString()), temp, Map.of("PATH", emptyDir.toString()), false).run(TIMEOUT, temp.resolve("out-major"));
        assertEquals(0, result.exitCode(), result::describe);
        return result.stdout().strip();
    }

    @Test
    void theBuildJdkIsFoundThroughJavaHome() throws Exception {
        String javaHome = System.getProperty("java.home");
        Command.Result result = findJava(Map.of("JAVA_HOME", javaHome));
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(Path.of(javaHome, "bin", "java").toString(), result.stdout().strip(), result::describe);
    }
}
