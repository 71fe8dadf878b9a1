package org.parallelworkbench.viewmodel;

import java.util.function.Supplier;

import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.ComputedValue;
import org.eclipse.core.databinding.observable.value.IObservableValue;

/** Observable factories bound to a given Realm; the library's own use the default Realm, which may be unset. */
final class Observables {

    private Observables() {
    }

    /** A value recalculated whenever an observable that {@code calculation} read changes. */
    static <T> IObservableValue<T> computed(Realm realm, Supplier<T> calculation) {
        return new ComputedValue<>(realm) {
            @Override
            protected T calculate() {
                return calculation.get();
            }
        };
    }
}
