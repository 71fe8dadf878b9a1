package org.parallelworkbench.viewmodel;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.ComputedValue;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.engine.settings.EngineSettingsStore;
import org.parallelworkbench.engine.settings.EngineSettingsStore.ProcessPool;
import org.parallelworkbench.engine.settings.EngineSettingsStore.Settings;
import org.parallelworkbench.viewmodel.SettingsFields.WholeNumbers;

/**
 * The Preferences dialog: the engine's thread pool, run limit and extra drop-in folder, the worker-process
 * pool and where runs left to the engine execute, as the user types and picks them, a problem per field,
 * and Apply. Typed fields are text so that whatever the user types can be shown and explained; nothing
 * reaches the {@link EngineSettingsStore} while a field has a problem. All observables belong to the Realm
 * given at construction; commands must be called inside it.
 */
public final class PreferencesViewModel {

    // What the window accepts; the engine takes any count from 0 (or 1 run) up, these bounds keep typos out.
    private static final WholeNumbers POOL_SIZE = new WholeNumbers("Pool size", 0, 1024);
    private static final WholeNumbers CONCURRENT_RUNS = new WholeNumbers("Concurrent runs", 1, 1024);
    private static final WholeNumbers PROCESSES = new WholeNumbers("Processes in total", 0, 1024);
    private static final WholeNumbers UNITS_PER_PROCESS = new WholeNumbers("Units before a process is replaced", 0,
            1_000_000_000);
    /** A day; an idle process that should live longer can live for ever (0). */
    private static final int MAX_PROCESS_IDLE_SECONDS = 86_400;
    /** The places a default target can name; AUTO is what a run asks for, not a place. */
    public static final List<ExecutionTarget> TARGET_CHOICES = List.of(ExecutionTarget.THREADS, ExecutionTarget.PROCESSES);
    /** Why the engine's defaults differ by kind of bundle; both default-target tooltips end with it. */
    public static final String WHY_DROPINS_RUN_IN_PROCESSES = "Drop-ins default to processes: code the product did not"
            + " ship may call System.exit or crash its JVM, and since Java 24 only a separate process walls that off"
            + " from the window and the other runs.";
    public static final String SHIPPED_TARGET_HELP = "Where runs left to the engine (Run on: Default) execute for the"
            + " providers the product ships. A provider that loads native code runs in processes anyway.\n"
            + WHY_DROPINS_RUN_IN_PROCESSES;
    public static final String DROPIN_TARGET_HELP = "Where runs left to the engine (Run on: Default) execute for"
            + " providers of drop-in bundles.\n" + WHY_DROPINS_RUN_IN_PROCESSES;

    private final Realm realm;
    private final EngineSettingsStore store;
    private final int availableProcessors;

    private final WritableValue<String> poolSize;
    private final WritableValue<String> maxConcurrentRuns;
    private final WritableValue<String> dropinFolder;
    private final WritableValue<ExecutionTarget> shippedTarget;
    private final WritableValue<ExecutionTarget> dropinTarget;
    private final WritableValue<String> processPoolSize;
    private final WritableValue<String> processIdleSeconds;
    private final WritableValue<String> processMaxUnits;
    private final WritableValue<String> processJvmOptions;
    private final WritableValue<String> storeError;
    private final IObservableValue<String> poolSizeProblem;
    private final IObservableValue<String> maxConcurrentRunsProblem;
    private final IObservableValue<String> dropinFolderProblem;
    private final IObservableValue<String> processPoolSizeProblem;
    private final IObservableValue<String> processIdleSecondsProblem;
    private final IObservableValue<String> processMaxUnitsProblem;
    private final IObservableValue<String> processJvmOptionsProblem;
    private final List<IObservableValue<String>> fieldProblems;
    private final IObservableValue<String> effectivePoolSize;
    private final IObservableValue<String> effectiveProcessPoolSize;
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
        poolSize = text();
        maxConcurrentRuns = text();
        dropinFolder = text();
        // Until show() below: the store's defaults, so that a target is never unset.
        shippedTarget = new WritableValue<>(realm, store.defaults().shippedTarget(), ExecutionTarget.class);
        dropinTarget = new WritableValue<>(realm, store.defaults().dropinTarget(), ExecutionTarget.class);
        processPoolSize = text();
        processIdleSeconds = text();
        processMaxUnits = text();
        processJvmOptions = text();
        storeError = text();
        poolSizeProblem = computed(() -> POOL_SIZE.problem(poolSize.getValue()));
        maxConcurrentRunsProblem = computed(() -> CONCURRENT_RUNS.problem(maxConcurrentRuns.getValue()));
        dropinFolderProblem = computed(() -> SettingsFields.folderProblem(dropinFolder.getValue()));
        processPoolSizeProblem = computed(() -> PROCESSES.problem(processPoolSize.getValue()));
        processIdleSecondsProblem = computed(() -> SettingsFields.secondsProblem("Idle time", processIdleSeconds.getValue(),
                MAX_PROCESS_IDLE_SECONDS));
        processMaxUnitsProblem = computed(() -> UNITS_PER_PROCESS.problem(processMaxUnits.getValue()));
        processJvmOptionsProblem = computed(() -> SettingsFields.jvmOptionsProblem(processJvmOptions.getValue()));
        fieldProblems = List.of(poolSizeProblem, maxConcurrentRunsProblem, dropinFolderProblem, processPoolSizeProblem,
                processIdleSecondsProblem, processMaxUnitsProblem, processJvmOptionsProblem);
        effectivePoolSize = computed(() -> describeSize(poolSize, poolSizeProblem, "worker", "workers"));
        effectiveProcessPoolSize = computed(() -> describeSize(processPoolSize, processPoolSizeProblem, "process", "processes"));
        problem = computed(() -> Stream.concat(fieldProblems.stream(), Stream.of(storeError))
                .map(IObservableValue::getValue).filter(text -> !text.isEmpty()).findFirst().orElse(""));
        canApply = new ComputedValue<>(realm, Boolean.class) {
            @Override
            protected Boolean calculate() {
                return fieldProblems.stream().allMatch(fieldProblem -> fieldProblem.getValue().isEmpty());
            }
        };
        Settings current;
        try {
            current = store.read();
        } catch (IOException | RuntimeException e) {
            current = store.defaults();
            storeError.setValue("Could not read the current settings, showing the defaults: " + e.getMessage());
        }
        show(current);
    }

    /** Worker threads in total as typed; 0 means one per processor. */
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

    /** Where runs left to the engine execute for the providers the product ships; one of {@link #TARGET_CHOICES}. */
    public IObservableValue<ExecutionTarget> shippedTarget() {
        return shippedTarget;
    }

    /** Where runs left to the engine execute for providers of drop-in bundles; one of {@link #TARGET_CHOICES}. */
    public IObservableValue<ExecutionTarget> dropinTarget() {
        return dropinTarget;
    }

    /** Worker processes in total as typed; 0 means one per processor. */
    public IObservableValue<String> processPoolSize() {
        return processPoolSize;
    }

    /** How long an idle worker process lives, in seconds as typed (e.g. "60" or "1.5"); 0 means for ever. */
    public IObservableValue<String> processIdleSeconds() {
        return processIdleSeconds;
    }

    /** Units after which a worker process is replaced, as typed; 0 means never. */
    public IObservableValue<String> processMaxUnits() {
        return processMaxUnits;
    }

    /** JVM options of every worker process, separated by spaces, as typed; empty for none. */
    public IObservableValue<String> processJvmOptions() {
        return processJvmOptions;
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

    /** What is wrong with {@link #processPoolSize()}; empty when it is valid. */
    public IObservableValue<String> processPoolSizeProblem() {
        return processPoolSizeProblem;
    }

    /** What is wrong with {@link #processIdleSeconds()}; empty when it is valid. */
    public IObservableValue<String> processIdleSecondsProblem() {
        return processIdleSecondsProblem;
    }

    /** What is wrong with {@link #processMaxUnits()}; empty when it is valid. */
    public IObservableValue<String> processMaxUnitsProblem() {
        return processMaxUnitsProblem;
    }

    /** What is wrong with {@link #processJvmOptions()}; empty when it is valid. */
    public IObservableValue<String> processJvmOptionsProblem() {
        return processJvmOptionsProblem;
    }

    /** How many workers the typed pool size gives, e.g. "8 workers (one per processor)"; empty while invalid. */
    public IObservableValue<String> effectivePoolSize() {
        return effectivePoolSize;
    }

    /** How many processes the typed process pool size gives, e.g. "8 processes (one per processor)"; empty while invalid. */
    public IObservableValue<String> effectiveProcessPoolSize() {
        return effectiveProcessPoolSize;
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
        ProcessPool processes = new ProcessPool(parse(processPoolSize), SettingsFields.millis(processIdleSeconds.getValue()),
                parse(processMaxUnits), processJvmOptions.getValue().trim());
        Settings settings = new Settings(parse(poolSize), parse(maxConcurrentRuns), dropinFolder.getValue().trim(),
                shippedTarget.getValue(), dropinTarget.getValue(), processes);
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

    private void show(Settings settings) {
        poolSize.setValue(Integer.toString(settings.poolSize()));
        maxConcurrentRuns.setValue(Integer.toString(settings.maxConcurrentRuns()));
        dropinFolder.setValue(settings.dropinFolder());
        shippedTarget.setValue(settings.shippedTarget());
        dropinTarget.setValue(settings.dropinTarget());
        processPoolSize.setValue(Integer.toString(settings.processes().size()));
        processIdleSeconds.setValue(SettingsFields.seconds(settings.processes().idleMillis()));
        processMaxUnits.setValue(Long.toString(settings.processes().maxUnits()));
        processJvmOptions.setValue(settings.processes().jvmOptions());
    }

    /** E.g. "8 workers (one per processor)" for 0, "2 workers", "1 worker"; empty while the size is invalid. */
    private String describeSize(IObservableValue<String> size, IObservableValue<String> sizeProblem, String one, String many) {
        if (!sizeProblem.getValue().isEmpty()) {
            return "";
        }
        int typed = parse(size);
        int count = typed == 0 ? availableProcessors : typed;
        String counted = count + " " + (count == 1 ? one : many);
        return typed == 0 ? counted + " (one per processor)" : counted;
    }

    private static int parse(IObservableValue<String> valid) {
        return Integer.parseInt(valid.getValue().trim());
    }

    private WritableValue<String> text() {
        return new WritableValue<>(realm, "", String.class);
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
