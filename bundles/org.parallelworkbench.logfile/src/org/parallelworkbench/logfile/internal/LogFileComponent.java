package org.parallelworkbench.logfile.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Writes what the product logs through java.util.logging (and {@link System.Logger}, which goes there) into a
 * {@link LogFile} in {@value #LOGS_UNDER_HOME} under the folder named by the framework (or system) property
 * {@value #HOME_PROPERTY}, the product's folder; without that property in this bundle's data area. The console
 * shows what the launcher's logging configuration lets through; the file keeps INFO and above of every mode.
 */
// Immediate: nobody asks for it; it must write from the start.
@Component(service = {}, immediate = true)
public final class LogFileComponent {

    static final String HOME_PROPERTY = "parallelworkbench.home";
    static final String LOGS_UNDER_HOME = "data/logs";
    static final String LOGS_IN_DATA_AREA = "logs";

    private final LogFile file;

    /** @throws IOException when the folder cannot be created or no log file in it locked; SCR logs it */
    @Activate
    public LogFileComponent(BundleContext context) throws IOException {
        file = LogFile.open(folder(context.getProperty(HOME_PROPERTY), context::getDataFile), Logger.getLogger(""));
    }

    /**
     * Where the log files go: under {@code home} when it is set, else in the data area.
     *
     * @param dataArea the bundle's {@link BundleContext#getDataFile}
     * @throws IOException when there is neither a home nor a data area
     */
    static Path folder(String home, Function<String, File> dataArea) throws IOException {
        if (home != null && !home.isBlank()) {
            return Path.of(home).resolve(LOGS_UNDER_HOME);
        }
        File inDataArea = dataArea.apply(LOGS_IN_DATA_AREA);
        if (inDataArea == null) {
            throw new IOException("No place for the log file: '" + HOME_PROPERTY
                    + "' is not set and the framework gives this bundle no data area");
        }
        return inDataArea.toPath();
    }

    @Deactivate
    void deactivate() {
        file.close();
    }
}
