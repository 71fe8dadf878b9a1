package org.parallelworkbench.viewmodel;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.install.DropinFolder;
import org.parallelworkbench.install.WorkerBundleChanges;

/**
 * What File &gt; Install Worker Bundle's dialog shares for a chosen file: the file is read on the file executor, never
 * on the Realm's thread, while {@link #reading()} is true; the report arrives in the Realm, and then Install hands it
 * to the install bundle's {@link WorkerBundleChanges}, planned on the file executor; the status line says what
 * happened once the framework shows it. Closing before Install (or before the read ended) lets what was read
 * go: {@link #discard} runs on the file executor. Made by {@link WorkerBundlesViewModel}; commands must be called
 * inside its Realm.
 *
 * @param <R> what reading the file gives
 */
public abstract class InstallViewModel<R> {

    private final Realm realm;
    private final Path file;
    private final Optional<DropinFolder> dropins;
    private final Executor files;
    private final Consumer<String> status;
    private final WritableValue<Boolean> reading;
    private final WritableValue<Boolean> canInstall;
    /** Set in the Realm; read on the file executor so a read ending after close discards at once. */
    private volatile boolean closed;
    private R report;
    private String readFailure = "";

    /** @param status called in the Realm with what happened, for the status line */
    InstallViewModel(Realm realm, Path file, Optional<DropinFolder> dropins, Executor files, Consumer<String> status) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.file = Objects.requireNonNull(file, "file");
        this.dropins = Objects.requireNonNull(dropins, "dropins");
        this.files = Objects.requireNonNull(files, "files");
        this.status = Objects.requireNonNull(status, "status");
        reading = new WritableValue<>(realm, true, Boolean.class);
        canInstall = new WritableValue<>(realm, false, Boolean.class);
    }

    /** Starts reading the file on the file executor; called once, by the maker, right after construction. */
    final void read(Function<Path, R> reader) {
        files.execute(() -> {
            R read;
            String failure = "";
            try {
                read = reader.apply(file);
            } catch (RuntimeException e) {
                read = null;
                failure = "Could not read " + file.getFileName() + ": " + e;
            }
            if (closed) {
                discardQuietly(read);
                return;
            }
            R result = read;
            String problem = failure;
            realm.asyncExec(() -> arrived(result, problem));
        });
    }

    private void arrived(R read, String failure) {
        if (closed) {
            files.execute(() -> discardQuietly(read));
            return;
        }
        report = read;
        readFailure = failure;
        reading.setValue(false);
        canInstall.setValue(installProblem().isEmpty());
    }

    private void discardQuietly(R read) {
        if (read != null) {
            discard(read);
        }
    }

    /** The chosen jar, or p2 repository folder or zip. */
    public final Path file() {
        return file;
    }

    /** True until the file was read; what it is then shows. */
    public final IObservableValue<Boolean> reading() {
        return reading;
    }

    /** "Reading primes.jar…": what the dialog says while {@link #reading()}. */
    public final String readingMessage() {
        return "Reading " + file.getFileName() + "\u2026";
    }

    /** The file was read and its report is there; false while reading, and when reading it failed. */
    public final boolean isRead() {
        return report != null;
    }

    /**
     * Why Install is disabled: the file is still being read, could not be read, or what its report says; empty when
     * it may install.
     */
    public final String installProblem() {
        checkRealm();
        if (reading.getValue()) {
            return readingMessage();
        }
        if (report == null) {
            return readFailure;
        }
        String problem = problemOf(report);
        return !problem.isEmpty() || dropins.isPresent() ? problem : "This product has no drop-in folder to install into";
    }

    /** Once read, until Install was pressed or the dialog closed: the report has no error and there is a drop-in folder. */
    public final IObservableValue<Boolean> canInstall() {
        return canInstall;
    }

    /**
     * Installs on the file executor; the status line says it is being installed, then what was installed or why not.
     * Does nothing while {@link #canInstall()} is false.
     */
    public final void install() {
        checkRealm();
        if (!canInstall.getValue()) {
            return;
        }
        canInstall.setValue(false);
        closed = true;
        R toInstall = report;
        status.accept(installingMessage(toInstall));
        files.execute(() -> installAll(toInstall).thenAccept(message -> realm.asyncExec(() -> status.accept(message))));
    }

    /** The dialog went without Install: nothing is installed, and what was read goes, off the Realm's thread. */
    public final void close() {
        checkRealm();
        if (closed) {
            return;
        }
        closed = true;
        canInstall.setValue(false);
        R read = report;
        if (read != null) {
            files.execute(() -> discard(read));
        }
    }

    /** What reading gave; fails while reading or when the read failed. */
    final R result() {
        if (report == null) {
            throw new IllegalStateException(reading.getValue() ? readingMessage() + " is not done" : readFailure);
        }
        return report;
    }

    /** Why the report cannot be installed, apart from a missing drop-in folder; empty when it may. */
    abstract String problemOf(R read);

    /** The status line while copying, e.g. "Installing worker bundle x 1.0.0…". */
    abstract String installingMessage(R read);

    /**
     * Plans and performs the install, on the file executor: no observable may be touched here, and nothing may wait for
     * the framework (the stage does).
     *
     * @return the status line's message once done
     */
    abstract CompletionStage<String> installAll(R read);

    /** Lets go of what reading left behind (extracted files); on the file executor. */
    void discard(R read) {
        // a jar leaves nothing behind
    }

    final void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException(getClass().getSimpleName() + " must be used inside its Realm");
        }
    }
}
