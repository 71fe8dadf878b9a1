package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.export.ResultExporter;
import org.parallelworkbench.export.ResultExporters;

/**
 * File > Export Result: writes the selected run's result in a format that suits its kind, off the UI
 * thread, and says in the status line where it went or why it could not.
 */
public final class ExportViewModel {

    private final Realm realm;
    private final IObservableValue<RunRowViewModel> selection;
    private final Executor writer;
    private final Consumer<String> report;
    private final IObservableValue<ResultValue> result;
    private final IObservableValue<Boolean> canExport;

    /**
     * @param writer where files are written; never the UI thread
     * @param report called in the Realm with what happened, for the status line
     */
    ExportViewModel(Realm realm, IObservableValue<RunRowViewModel> selection, Executor writer, Consumer<String> report) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.report = Objects.requireNonNull(report, "report");
        result = Observables.computed(realm, () -> {
            RunRowViewModel row = selection.getValue();
            return row == null ? null : row.result().getValue();
        });
        canExport = Observables.computed(realm, () -> result.getValue() != null
                && !(result.getValue() instanceof ResultValue.Scalar scalar && scalar.text().isEmpty()));
    }

    /** The selected run has a result to write; an empty value is none. */
    public IObservableValue<Boolean> canExport() {
        return canExport;
    }

    /** The extensions the selected result can be written as, e.g. {@code csv, json}; empty without a result. */
    public List<String> extensions() {
        ResultValue value = result.getValue();
        return value == null ? List.of() : ResultExporters.supporting(value).stream().map(ResultExporter::extension).toList();
    }

    /** A file name for the save dialog: provider, run and the first fitting extension. */
    public String suggestedFileName() {
        RunRowViewModel row = selection.getValue();
        List<String> extensions = extensions();
        if (row == null || extensions.isEmpty()) {
            return "";
        }
        String provider = row.handle().provider().id();
        return provider + "-" + row.runId().replaceAll("[^A-Za-z0-9_.-]", "_") + "." + extensions.get(0);
    }

    /**
     * Writes the selected run's result to the file, as its extension says; a file without a known extension
     * gets the first that fits. The outcome is reported, never thrown.
     */
    public void exportTo(Path file) {
        checkRealm();
        ResultValue value = result.getValue();
        if (!canExport.getValue()) {
            report.accept("Nothing to export: the selected run has no result yet");
            return;
        }
        Optional<ResultExporter> byName = ResultExporters.forFile(file);
        ResultExporter exporter = byName.orElse(ResultExporters.supporting(value).get(0));
        Path target = byName.isPresent() ? file : file.resolveSibling(file.getFileName() + "." + exporter.extension());
        if (!exporter.supports(value)) {
            report.accept("Cannot export: " + exporter.unsupportedMessage(value));
            return;
        }
        report.accept("Exporting to " + target + "\u2026");
        writer.execute(() -> {
            String outcome;
            try {
                exporter.writeFile(value, target);
                outcome = "Exported " + ResultExporters.kindOf(value) + " result to " + target;
            } catch (IOException | RuntimeException e) {
                outcome = "Could not export to " + target + ": " + e.getMessage();
            }
            String message = outcome;
            realm.asyncExec(() -> report.accept(message));
        });
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("ExportViewModel must be used inside its Realm");
        }
    }
}
