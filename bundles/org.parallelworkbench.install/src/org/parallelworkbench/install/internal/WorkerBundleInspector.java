package org.parallelworkbench.install.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.WorkerBundleReport;

/**
 * Reads a jar file as a worker bundle without installing it: its identity, the providers it declares,
 * whether every class is signed, and what would keep it from working on this platform. Needs no running
 * framework. Thread-safe; each call opens and closes the file.
 */
public final class WorkerBundleInspector {

    private final Version providerSpiVersion;

    /** @param providerSpiVersion the version of {@code org.parallelworkbench.core} the platform exports, e.g. {@code 0.5.0} */
    public WorkerBundleInspector(String providerSpiVersion) {
        this.providerSpiVersion = Version.parseVersion(Objects.requireNonNull(providerSpiVersion, "providerSpiVersion"));
    }

    public WorkerBundleReport inspect(Path file) {
        String fileName = String.valueOf(file.getFileName());
        List<BundleProblem> problems = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            problems.add(BundleProblem.error(fileName + " is not a file"));
            return new WorkerBundleReport(file, "", "", "", "", List.of(), false, "", problems);
        }
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            Signature signature = verify(jar, fileName, problems);
            Manifest manifest = jar.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            String symbolicName = firstPath(main.getValue(Constants.BUNDLE_SYMBOLICNAME));
            if (symbolicName.isEmpty()) {
                problems.add(BundleProblem.error(fileName + " has no bundle manifest (" + Constants.BUNDLE_SYMBOLICNAME
                        + "); it is a plain jar, not an OSGi bundle"));
                return new WorkerBundleReport(file, "", "", "", "", List.of(), signature.signed, signature.signer, problems);
            }
            String version = main.getValue(Constants.BUNDLE_VERSION);
            String label = "Worker bundle " + symbolicName + " " + (version == null ? "0.0.0" : version);
            problems.addAll(SpiCheck.problems(label, main.getValue(Constants.IMPORT_PACKAGE), providerSpiVersion));
            List<String> componentProblems = new ArrayList<>();
            List<DeclaredProvider> providers = ComponentDescriptions.providers(main.getValue(ComponentDescriptions.SERVICE_COMPONENT),
                    entries(jar), componentProblems);
            componentProblems.forEach(p -> problems.add(BundleProblem.warning(label + ": " + p)));
            if (providers.isEmpty()) {
                problems.add(BundleProblem.warning(label + " declares no " + ComponentDescriptions.WORK_PROVIDER
                        + " component; it adds no provider"));
            }
            return new WorkerBundleReport(file, symbolicName, version, main.getValue(Constants.BUNDLE_NAME),
                    main.getValue(Constants.BUNDLE_VENDOR), providers, signature.signed, signature.signer, problems);
        } catch (IOException | SecurityException e) {
            problems.add(BundleProblem.error(fileName + " is not a jar: " + e.getMessage()));
            return new WorkerBundleReport(file, "", "", "", "", List.of(), false, "", problems);
        }
    }

    private record Signature(boolean signed, String signer) {
    }

    // Reading each entry to its end is what makes JarFile check it against the signature.
    private static Signature verify(JarFile jar, String fileName, List<BundleProblem> problems) throws IOException {
        int classes = 0;
        int signedClasses = 0;
        String signer = "";
        byte[] buffer = new byte[8192];
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
            JarEntry entry = e.nextElement();
            try (InputStream in = jar.getInputStream(entry)) {
                while (in.read(buffer) >= 0) {
                    // drain
                }
            } catch (SecurityException tampered) {
                problems.add(BundleProblem.error(fileName + " is signed, but " + entry.getName()
                        + " does not match its signature: " + tampered.getMessage()));
                return new Signature(false, "");
            }
            if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
                continue;
            }
            classes++;
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers != null && signers.length > 0) {
                signedClasses++;
                signer = subject(signers[0]);
            }
        }
        boolean signed = classes > 0 && signedClasses == classes;
        return new Signature(signed, signed ? signer : "");
    }

    private static String subject(CodeSigner signer) {
        List<? extends Certificate> chain = signer.getSignerCertPath().getCertificates();
        if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate certificate) {
            return certificate.getSubjectX500Principal().getName();
        }
        return "an unknown signer";
    }

    private static String firstPath(String header) {
        List<HeaderClauses.Clause> clauses = HeaderClauses.parse(header).clauses();
        return clauses.isEmpty() ? "" : clauses.get(0).paths().get(0);
    }

    private static ComponentDescriptions.Entries entries(JarFile jar) {
        return new ComponentDescriptions.Entries() {
            @Override
            public InputStream open(String path) throws IOException {
                JarEntry entry = jar.getJarEntry(path.startsWith("/") ? path.substring(1) : path);
                return entry == null ? null : jar.getInputStream(entry);
            }

            @Override
            public List<String> list(String folder, Predicate<String> namePattern) {
                String prefix = folder.startsWith("/") ? folder.substring(1) : folder;
                return jar.stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                        .filter(n -> namePattern.test(n.substring(prefix.length()))).sorted().toList();
            }
        };
    }
}
