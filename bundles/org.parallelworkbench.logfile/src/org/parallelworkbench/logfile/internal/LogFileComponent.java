package org.parallelworkbench.logfile.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.core.product.ProductProperties;

/**
 * Writes what the product logs through java.util.logging (and {@link System.Logger}, which goes there) into a
 * {@link LogFile} in {@value #LOGS_UNDER_DATA} in the product's {@code data/} folder; outside the product in this
 * bundle's data area. The console
 * shows what the launcher's logging configuration lets through; the file keeps INFO and above of every mode.
 */
// Immediate: nobody asks for it; it must write from the start.
@Component(service = {}, immediate = true)
public final class LogFileComponent {

    static final String LOGS_UNDER_DATA = "logs";
    static final String LOGS_IN_DATA_AREA = "logs";

    private final LogFile file;

    /** @throws IOException when the folder cannot be created or no log file in it locked; SCR logs it */
    @Activate
    public LogFileComponent(BundleContext context) throws IOException {
        file = LogFile.open(folder(ProductHome.from(context::getProperty), context::getDataFile), Logger.getLogger(""));
    }

    /**
     * Where the log files go: in the product's data folder, else in the bundle's data area.
     *
     * @param dataArea the bundle's {@link BundleContext#getDataFile}
     * @throws IOException when there is neither a home nor a data area
     */
    static Path folder(Optional<ProductHome> home, Function<String, File> dataArea) throws IOException {
        if (home.isPresent()) {
            return home.get().data().resolve(LOGS_UNDER_DATA);
        }
        File inDataArea = dataArea.apply(LOGS_IN_DATA_AREA);
        if (inDataArea == null) {
            throw new IOException("No place for the log file: '" + ProductProperties.HOME
                    + "' is not set and the framework gives this bundle no data area");
        }
        return inDataArea.toPath();
    }

    @Deactivate
    void deactivate() {
        file.close();
    }
}
