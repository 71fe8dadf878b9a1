package org.parallelworkbench.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.list.IObservableList;
import org.eclipse.core.databinding.observable.list.WritableList;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.JobService;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;

/**
 * The parameter form of the selected provider: a field per declared parameter, filled with the values
 * the provider was last started with, else its defaults. The provider's own validation (the engine's
 * {@link JobService#validate}) judges the whole set as the user types, so the window, the command line
 * and the engine agree on what is valid. Beside the fields, the form holds where the next run's units execute
 * ("Run on"), remembered with the values.
 */
public final class ParameterFormViewModel {

    /** The "Run on" choices, in the order a drop-down lists them. */
    public static final List<ExecutionTarget> TARGETS = List.of(ExecutionTarget.values());
    /** What the "Run on" choices mean, for a tooltip: a line for each, in the order of {@link #TARGETS}. */
    public static final String TARGET_HELP = "Where this run's units execute:\n"
            + "Default: the provider's preference, else threads for bundles shipped with the product"
            + " and processes for drop-ins.\n"
            + "Threads: in the workbench itself, the fastest.\n"
            + "Processes: in separate worker processes; a unit that crashes or exits cannot take the window down.\n"
            + "Cluster: on the machines running 'parallel-workbench member' with this provider version.";

    private final Realm realm;
    private final JobService jobs;
    private final IObservableValue<ProviderInfo> provider;
    private final ParameterMemory memory;
    private final WritableList<ParameterFieldViewModel> fields;
    private final WritableValue<ExecutionTarget> target;
    private final IObservableValue<List<ParameterProblem>> problems;
    /** Why runs cannot go to the cluster now, "" when they can; written by the {@link ClusterViewModel}. */
    private final WritableValue<String> clusterUnavailable;
    private final IObservableValue<String> targetProblem;
    private final IObservableValue<String> problemsText;
    private final IObservableValue<Boolean> valid;
    /** The provider the fields were made for; Realm thread only. */
    private ProviderInfo shownProvider;

    ParameterFormViewModel(Realm realm, JobService jobs, IObservableValue<ProviderInfo> provider, ParameterMemory memory) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.memory = Objects.requireNonNull(memory, "memory");
        fields = new WritableList<>(realm);
        target = new WritableValue<>(realm, ExecutionTarget.AUTO, ExecutionTarget.class);
        problems = Observables.computed(realm, () -> validate(provider.getValue(), parameters()));
        clusterUnavailable = new WritableValue<>(realm, "", String.class);
        targetProblem = Observables.computed(realm, () -> target.getValue() == ExecutionTarget.CLUSTER
                && !clusterUnavailable.getValue().isEmpty() ? clusterUnavailable.getValue() : "");
        problemsText = Observables.computed(realm, () -> Stream.concat(problems.getValue().stream().map(ParameterProblem::toString),
                targetProblem.getValue().isEmpty() ? Stream.empty() : Stream.of("Run on: " + targetProblem.getValue()))
                .collect(Collectors.joining("\n")));
        valid = Observables.computed(realm, () -> provider.getValue() != null && problems.getValue().isEmpty()
                && targetProblem.getValue().isEmpty());
        provider.addValueChangeListener(event -> showFieldsOf(event.diff.getNewValue()));
        showFieldsOf(provider.getValue());
    }

    /** A field per parameter of the selected provider, in the order it declares them. */
    public IObservableList<ParameterFieldViewModel> fields() {
        return fields;
    }

    /** Where the next run's units execute, one of {@link #TARGETS}; {@link ExecutionTarget#AUTO} lets the engine choose. */
    public IObservableValue<ExecutionTarget> target() {
        return target;
    }

    /** Every problem of the current values, also those spanning several fields; empty when they may run. */
    public IObservableValue<List<ParameterProblem>> problems() {
        return problems;
    }

    /** Why the chosen Run on cannot take the run now (the cluster has no member), or "". */
    public IObservableValue<String> targetProblem() {
        return targetProblem;
    }

    WritableValue<String> clusterUnavailable() {
        return clusterUnavailable;
    }

    /** {@link #problems()} as "name: message" lines, and {@link #targetProblem()} as a "Run on: ..." line. */
    public IObservableValue<String> problemsText() {
        return problemsText;
    }

    /** A provider is selected, its values have no problem, and the chosen Run on can take the run. */
    public IObservableValue<Boolean> valid() {
        return valid;
    }

    /** The values as the engine takes them. */
    public Parameters parameters() {
        Map<String, String> values = new TreeMap<>();
        for (ParameterFieldViewModel field : fields) {
            values.put(field.name(), field.value().getValue() == null ? "" : field.value().getValue().trim());
        }
        return new Parameters(values);
    }

    /** Puts every field back to its provider's default, and Run on back to Default. */
    public void restoreDefaults() {
        checkRealm();
        fields.forEach(field -> field.value().setValue(field.descriptor().defaultValue()));
        target.setValue(ExecutionTarget.AUTO);
    }

    /**
     * Remembers the values of a started run that differ from its provider's defaults, and where it was asked to
     * run unless Default, for the next time.
     */
    void rememberValues(ProviderInfo started, Parameters values, ExecutionTarget requested) {
        Map<String, String> changed = new TreeMap<>();
        for (ParameterDescriptor descriptor : started.parameters()) {
            String value = values.values().get(descriptor.name());
            if (value != null && !value.equals(descriptor.defaultValue())) {
                changed.put(descriptor.name(), value);
            }
        }
        if (requested != ExecutionTarget.AUTO) {
            changed.put(ParameterMemory.TARGET_KEY, requested.name());
        }
        memory.remember(started.id(), changed);
    }

    private void showFieldsOf(ProviderInfo selected) {
        // The same provider again (e.g. its bundle was updated): what the user typed and chose stays.
        boolean same = shownProvider != null && selected != null && shownProvider.id().equals(selected.id());
        Map<String, String> current = same ? parameters().values() : selected == null ? Map.of() : memory.recall(selected.id());
        if (!same && selected != null) {
            target.setValue(recalledTarget(current.get(ParameterMemory.TARGET_KEY)));
        }
        shownProvider = selected;
        List<ParameterFieldViewModel> made = new ArrayList<>();
        if (selected != null) {
            for (ParameterDescriptor descriptor : selected.parameters()) {
                made.add(new ParameterFieldViewModel(realm, descriptor,
                        current.getOrDefault(descriptor.name(), descriptor.defaultValue()), problems));
            }
        }
        fields.clear();
        fields.addAll(made);
    }

    /** Default when nothing or something unknown was kept (a file edited by hand, or by a newer version). */
    private static ExecutionTarget recalledTarget(String kept) {
        return TARGETS.stream().filter(t -> t.name().equals(kept)).findFirst().orElse(ExecutionTarget.AUTO);
    }

    private List<ParameterProblem> validate(ProviderInfo selected, Parameters values) {
        if (selected == null) {
            return List.of();
        }
        try {
            return List.copyOf(jobs.validate(selected.id(), values));
        } catch (RuntimeException e) {
            // The provider has just gone, or its validation broke: either way it must not start.
            return List.of(new ParameterProblem(selected.id(), e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void checkRealm() {
        if (!realm.isCurrent()) {
            throw new IllegalStateException("ParameterFormViewModel must be used inside its Realm");
        }
    }
}
