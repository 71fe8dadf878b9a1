package org.parallelworkbench.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.osgi.framework.Version;

/**
 * What a worker bundle file is, read before it is installed. Names and versions are empty when the file
 * does not say (e.g. it is not a bundle); {@link #problems} then says why.
 *
 * @param signer the subject of the certificate that signed every class, or empty when {@link #signed} is false
 */
public record WorkerBundleReport(Path file, String symbolicName, String version, String name, String vendor,
        List<DeclaredProvider> providers, boolean signed, String signer, List<BundleProblem> problems) {

    public WorkerBundleReport {
        Objects.requireNonNull(file, "file");
        symbolicName = Objects.requireNonNullElse(symbolicName, "");
        version = Objects.requireNonNullElse(version, "");
        name = Objects.requireNonNullElse(name, "");
        vendor = Objects.requireNonNullElse(vendor, "");
        providers = List.copyOf(providers);
        signer = signed ? Objects.requireNonNullElse(signer, "") : "";
        problems = List.copyOf(problems);
    }

    /** True when no problem is an error: the file may be installed. */
    public boolean installable() {
        return problems.stream().noneMatch(BundleProblem::isError);
    }

    /** The version as the framework shows it ("1.0" is 1.0.0); an unparsable one as written. */
    public String bundleVersion() {
        try {
            return Version.parseVersion(version).toString();
        } catch (IllegalArgumentException e) {
            return version;
        }
    }

    /** "signed by &lt;subject&gt;" or "not signed", for showing the user. */
    public String signature() {
        return signed ? "signed by " + signer : "not signed";
    }
}
