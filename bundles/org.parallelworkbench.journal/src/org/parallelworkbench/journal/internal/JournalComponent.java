package org.parallelworkbench.journal.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.parallelworkbench.core.RunHandle;
import org.parallelworkbench.core.RunHistory;
import org.parallelworkbench.core.RunObserver;
import org.parallelworkbench.core.RunRecord;
import org.parallelworkbench.core.product.ProductHome;
import org.parallelworkbench.core.product.ProductProperties;

/**
 * The run journal as a DS component: a {@link RunObserver} the engine tells of every run, and the
 * {@link RunHistory} of runs across restarts. The file is {@value #JOURNAL_UNDER_DATA} in the product's
 * {@code data/} folder; outside the product it is {@value #JOURNAL_IN_DATA_AREA} in this bundle's persistent
 * data area.
 * <p>
 * Threading: SCR activates and deactivates on its own threads; the services are thread-safe (see
 * {@link RunJournal}). Deactivation writes every entry queued before it.
 */
// Immediate: the history must be read, and interrupted runs found, before anyone asks for them.
@Component(service = { RunObserver.class, RunHistory.class }, immediate = true)
public final class JournalComponent implements RunObserver, RunHistory {

    static final String JOURNAL_UNDER_DATA = "journal/runs.jsonl";
    static final String JOURNAL_IN_DATA_AREA = "journal/runs.jsonl";

    private final RunJournal journal;

    /** @throws IOException when the journal cannot be read or opened; SCR logs it and leaves the component off */
    @Activate
    public JournalComponent(BundleContext context) throws IOException {
        journal = RunJournal.open(journalFile(ProductHome.from(context::getProperty), context::getDataFile));
    }

    /**
     * Where the journal lives: in the product's data folder, else in the bundle's data area.
     *
     * @param dataArea the bundle's {@link BundleContext#getDataFile}
     * @throws IOException when there is neither a home nor a data area
     */
    static Path journalFile(Optional<ProductHome> home, Function<String, File> dataArea) throws IOException {
        if (home.isPresent()) {
            return home.get().data().resolve(JOURNAL_UNDER_DATA);
        }
        File inDataArea = dataArea.apply(JOURNAL_IN_DATA_AREA);
        if (inDataArea == null) {
            throw new IOException("No place for the run journal: '" + ProductProperties.HOME
                    + "' is not set and the framework gives this bundle no data area");
        }
        return inDataArea.toPath();
    }

    @Deactivate
    void deactivate() {
        journal.close();
    }

    /** The journal behind this component, for tests in the fragment. */
    RunJournal journal() {
        return journal;
    }

    @Override
    public void runStarted(RunHandle run) {
        journal.runStarted(run);
    }

    @Override
    public List<RunRecord> records() {
        return journal.records();
    }
}
