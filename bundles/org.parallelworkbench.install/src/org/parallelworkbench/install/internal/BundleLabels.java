package org.parallelworkbench.install.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** How log lines name a bundle: "Worker bundle com.example.x 1.0.0 (x.jar)". */
final class BundleLabels {

    private BundleLabels() {
    }

    static String of(Bundle bundle) {
        String importPackage = bundle.getHeaders("").get(Constants.IMPORT_PACKAGE);
        boolean worker = HeaderClauses.parse(importPackage).find(SpiCheck.SPI_PACKAGE) != null;
        String label = (worker ? "Worker bundle " : "Bundle ") + bundle.getSymbolicName() + " " + bundle.getVersion();
        String file = fileName(bundle.getLocation());
        return file.isEmpty() ? label : label + " (" + file + ")";
    }

    /** The last segment of a file-like location, or empty when the location is something else. */
    static String fileName(String location) {
        if (location == null) {
            return "";
        }
        String path = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!(path.startsWith("file:") || path.startsWith("/")) || path.endsWith("/")) {
            return "";
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
