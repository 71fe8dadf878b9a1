package org.parallelworkbench.ui.internal;

import org.eclipse.core.databinding.DataBindingContext;
import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.jface.databinding.viewers.typed.ViewerProperties;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ComboViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.viewmodel.ParameterFormViewModel;

/**
 * The "Run on" drop-down under the parameter fields: Default, Threads or Processes for the next run, bound to
 * {@link ParameterFormViewModel#target()}. Unlike the fields it is made once, not per provider. Alt+N or Tab
 * reaches it. UI thread only; its binding goes with the widget.
 */
final class RunOnChoice {

    static final String LABEL = "Run o&n:";

    private final ComboViewer viewer;

    RunOnChoice(Composite parent, ParameterFormViewModel form, Realm realm) {
        Composite row = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 0).applyTo(row);
        Label label = new Label(row, SWT.NONE);
        label.setText(LABEL);
        label.setToolTipText(ParameterFormViewModel.TARGET_HELP);
        viewer = new ComboViewer(row, SWT.READ_ONLY | SWT.DROP_DOWN);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((ExecutionTarget) element).label();
            }
        });
        viewer.setInput(ParameterFormViewModel.TARGETS);
        viewer.getCombo().setToolTipText(ParameterFormViewModel.TARGET_HELP);
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(viewer.getCombo());
        DataBindingContext bindings = new DataBindingContext(realm);
        bindings.bindValue(ViewerProperties.singleSelection(ExecutionTarget.class).observe(viewer), form.target());
        row.addDisposeListener(event -> bindings.dispose());
    }

    Combo combo() {
        return viewer.getCombo();
    }
}
