package org.parallelworkbench.viewmodel;

import java.util.List;
import java.util.Objects;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.ParameterType;

/**
 * One field of the parameter form: the descriptor the provider declared, the value as the user edits it
 * (always text, the form that crosses to the engine) and what is wrong with it.
 */
public final class ParameterFieldViewModel {

    private final ParameterDescriptor descriptor;
    private final WritableValue<String> value;
    private final IObservableValue<String> problem;

    ParameterFieldViewModel(Realm realm, ParameterDescriptor descriptor, String initialValue,
            IObservableValue<List<ParameterProblem>> formProblems) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        value = new WritableValue<>(realm, initialValue, String.class);
        problem = Observables.computed(realm, () -> String.join("; ", formProblems.getValue().stream()
                .filter(p -> p.parameter().equals(descriptor.name())).map(ParameterProblem::message).toList()));
    }

    public ParameterDescriptor descriptor() {
        return descriptor;
    }

    public String name() {
        return descriptor.name();
    }

    /** What the field's label says: the descriptor's label and its unit, if any. */
    public String label() {
        return descriptor.unit().isEmpty() ? descriptor.label() : descriptor.label() + " (" + descriptor.unit() + ")";
    }

    public ParameterType type() {
        return descriptor.type();
    }

    /** The tooltip: the provider's help, the default and the allowed range. */
    public String help() {
        StringBuilder text = new StringBuilder(descriptor.help());
        if (descriptor.min() != null && descriptor.max() != null) {
            text.append(text.isEmpty() ? "" : "\n").append("From ").append(descriptor.min()).append(" to ").append(descriptor.max());
        }
        return text.append(text.isEmpty() ? "" : "\n").append("Default: ").append(descriptor.defaultValue()).toString();
    }

    /** The value as text; a check box writes "true"/"false", a choice one of {@link ParameterDescriptor#choices()}. */
    public IObservableValue<String> value() {
        return value;
    }

    /** What is wrong with this field's value; empty when it is fine. */
    public IObservableValue<String> problem() {
        return problem;
    }
}
