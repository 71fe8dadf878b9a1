package org.parallelworkbench.install.internal;

import java.util.List;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.parallelworkbench.install.BundleProblem;

/** Whether a bundle's import of the provider SPI accepts the version this platform exports. */
public final class SpiCheck {

    /** The provider SPI package, whose exported version decides whether a worker bundle fits. */
    public static final String SPI_PACKAGE = "org.parallelworkbench.core";

    private SpiCheck() {
    }

    /**
     * The problem of a bundle whose {@code Import-Package} of {@value #SPI_PACKAGE} excludes {@code spiVersion},
     * or an empty list.
     *
     * @param label how to name the bundle, e.g. "Worker bundle x 1.0.0"
     */
    public static List<BundleProblem> problems(String label, String importPackage, Version spiVersion) {
        HeaderClauses.Clause spiImport = HeaderClauses.parse(importPackage).find(SPI_PACKAGE);
        if (spiImport == null) {
            return List.of();
        }
        String range = importedRange(spiImport);
        try {
            if (new VersionRange(range).includes(spiVersion)) {
                return List.of();
            }
        } catch (IllegalArgumentException e) {
            return List.of(BundleProblem.error(label + " imports " + SPI_PACKAGE + " with an invalid version range '"
                    + range + "'"));
        }
        return List.of(BundleProblem.error(mismatch(label, range, spiVersion)));
    }

    /** The version range of an import clause as written, "0.0.0" when it has none. */
    public static String importedRange(HeaderClauses.Clause clause) {
        return clause.attributes().getOrDefault(Constants.VERSION_ATTRIBUTE, "0.0.0");
    }

    /** "Worker bundle x 1.0.0 needs the provider SPI org.parallelworkbench.core [0.6,0.7); this platform provides 0.5.0" */
    public static String mismatch(String label, String range, Version spiVersion) {
        return label + " needs the provider SPI " + SPI_PACKAGE + " " + range + "; this platform provides " + spiVersion;
    }
}
