package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.ComputedValue;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;

/**
 * The Preferences dialog: the engine's pool size, run limit and an extra drop-in folder as the user
 * types them, a problem per field, and Apply. Fields are text so that whatever the user types can be
 * shown and explained; nothing reaches the {@link EngineSettingsStore} while a field has a problem.
 * All observables belong to the Realm given at construction; commands must be called inside it.
 */
public final class PreferencesViewModel {

    public static final int MIN_POOL_SIZE = 0;
    public static final int MAX_POOL_SIZE = 1024;
    public static final int MIN_CONCURRENT_RUNS = 1;
    public static final int MAX_CONCURRENT_RUNS = 1024;

    private final Realm realm;
    private final EngineSettingsStore store;
    private final int availableProcessors;

    private final WritableValue<String> poolSize;
    private final WritableValue<String> maxConcurrentRuns;
    private final WritableValue<String> dropinFolder;
    private final WritableValue<String> storeError;
    private final IObservableValue<String> poolSizeProblem;
    private final IObservableValue<String> maxConcurrentRunsProblem;
    private final IObservableValue<String> dropinFolderProblem;
    private final IObservableValue<String> effectivePoolSize;
    private final IObservableValue<String> problem;
    private final IObservableValue<Boolean> canApply;

    /**
     * Reads the current settings from the store; if that fails, shows the defaults and says why.
     *
     * @param availableProcessors what a pool size of 0 stands for, as the engine counts it
     */
    public PreferencesViewModel(Realm realm, EngineSettingsStore store, int availableProcessors) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.store = Objects.requireNonNull(store, "store");
        this.availableProcessors = availableProcessors;
        poolSize = new WritableValue<>(realm, "", String.class);
        maxConcurrentRuns = new WritableValue<>(realm, "", String.class);
        dropinFolder = new WritableValue<>(realm, "", String.class);
        storeError = new WritableValue<>(realm, "", String.class);
        poolSizeProblem = computed(() -> wholeNumberProblem("Pool size", poolSize.getValue(), MIN_POOL_SIZE, MAX_POOL_SIZE));
        maxConcurrentRunsProblem = computed(() -> wholeNumberProblem("Concurrent runs", maxConcurrentRuns.getValue(),
                MIN_CONCURRENT_RUNS, MAX_CONCURRENT_RUNS));
        dropinFolderProblem = computed(() -> folderProblem(dropinFolder.getValue()));
        effectivePoolSize = computed(this::describePoolSize);
        problem = computed(() -> Stream.of(poolSizeProblem, maxConcurrentRunsProblem, dropinFolderProblem, storeError)
                .map(IObservableValue::getValue).filter(text -> !text.isEmpty()).findFirst().orElse(""));
        canApply = new ComputedValue<>(realm, Boolean.class) {
            @Override
            protected Boolean calculate() {
                return poolSizeProblem.getValue().isEmpty() && maxConcurrentRunsProblem.getValue().isEmpty()
                        && dropinFolderProblem.getValue().isEmpty();
            }
        };
        EngineSettingsStore.Settings current;
        try {
            current = store.read();
        } catch (IOException | RuntimeException e) {
            current = store.defaults();
            storeError.setValue("Could not read the current settings, showing the defaults: " + e.getMessage());
        }
        show(current);
    }

    /** Workers in total as typed; 0 means one per processor. */
    public IObservableValue<String> poolSize() {
        return poolSize;
    }

    /** Runs executing at once, as typed. */
    public IObservableValue<String> maxConcurrentRuns() {
        return maxConcurrentRuns;
    }

    /** An extra folder watched for worker bundles, as typed; empty for none. */
    public IObservableValue<String> dropinFolder() {
        return dropinFolder;
    }

    /** What is wrong with {@link #poolSize()}; empty when it is valid. */
    public IObservableValue<String> poolSizeProblem() {
        return poolSizeProblem;
    }

    /** What is wrong with {@link #maxConcurrentRuns()}; empty when it is valid. */
    public IObservableValue<String> maxConcurrentRunsProblem() {
        return maxConcurrentRunsProblem;
    }

    /** What is wrong with {@link #dropinFolder()}; empty when it is valid. */
    public IObservableValue<String> dropinFolderProblem() {
        return dropinFolderProblem;
    }

    /** How many workers the typed pool size gives, e.g. "8 workers (one per processor)"; empty while invalid. */
    public IObservableValue<String> effectivePoolSize() {
        return effectivePoolSize;
    }

    /** The first field problem, else why the last read or write failed; empty when all is well. */
    public IObservableValue<String> problem() {
        return problem;
    }

    /** True while every field is valid. */
    public IObservableValue<Boolean> canApply() {
        return canApply;
    }

    /**
     * Writes the typed settings to the store. Does nothing while a field has a problem; a failed write
     * shows in {@link #problem()}.
     *
     * @return whether the settings were written
     */
    public boolean apply() {
        checkRealm();
        if (!canApply.getValue()) {
            return false;
        }
        EngineSettingsStore.Settings settings = new EngineSettingsStore.Settings(parse(poolSize),
                parse(maxConcurrentRuns), dropinFolder.getValue().trim());
        try {
            store.write(settings);
        } catch (IOException | RuntimeException e) {
            storeError.setValue("Could not save the settings: " + e.getMessage());
            return false;
        }
        storeError.setValue("");
        return true;
    }

    /** Shows the engine's defaults in the fields; nothing is written until {@link #apply()}. */
    public void restoreDefaults() {
        checkRealm();
        show(store.defaults());
    }

    private void show(EngineSettingsStore.Settings settings) {
        poolSize.setValue(Integer.toString(settings.poolSize()));
        maxConcurrentRuns.setValue(Integer.toString(settings.maxConcurrentRuns()));
        dropinFolder.setValue(settings.dropinFolder());
    }

    private String describePoolSize() {
        if (!poolSizeProblem.getValue().isEmpty()) {
            return "";
        }
        int size = parse(poolSize);
        return size == 0 ? workers(availableProcessors) + " (one per processor)" : workers(size);
    }

    private static String workers(int count) {
        return count == 1 ? "1 worker" : count + " workers";
    }

    static String wholeNumberProblem(String field, String text, int min, int max) {
        String range = field + " must be a whole number from " + min + " to " + max;
        try {
            int value = Integer.parseInt(text.trim());
            return value < min || value > max ? range : "";
        } catch (NumberFormatException e) {
            return range;
        }
    }

    static String folderProblem(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return "";
        }
        Path folder;
        try {
            folder = Path.of(trimmed);
        } catch (InvalidPathException e) {
            return "Drop-in folder is not a valid path: " + e.getReason();
        }
        if (!folder.isAbsolute()) {
            return "Drop-in folder must be an absolute path";
        }
        return Files.isDirectory(folder) ? "" : "Drop-in folder must be an existing folder";
    }

    private static int parse(IObservableValue<String> valid) {
        return Integer.parseInt(valid.getValue().trim());
    }

    private IObservableValue<String> computed(Supplier<String> calculation) {
        return new ComputedValue<>(realm, String.class) {
            @Override
            protected String calculate() {
                return calculation.get();
            }
        };
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("PreferencesViewModel must be used inside its Realm");
        }
    }
}
