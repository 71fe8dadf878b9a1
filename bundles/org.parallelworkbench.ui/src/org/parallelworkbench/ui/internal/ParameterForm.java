package org.parallelworkbench.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.databinding.DataBindingContext;
import org.eclipse.core.databinding.UpdateValueStrategy;
import org.eclipse.core.databinding.conversion.IConverter;
import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.sideeffect.ISideEffect;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.jface.databinding.swt.typed.WidgetProperties;
import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.parallelworkbench.core.ParameterType;
import org.parallelworkbench.viewmodel.ParameterFieldViewModel;
import org.parallelworkbench.viewmodel.ParameterFormViewModel;

/**
 * The parameter form: a label and an editor per field of the {@link ParameterFormViewModel}, made anew
 * whenever another provider is picked. A text field for numbers and text, a check box for a yes/no
 * value, a drop-down for a choice; each bound to its field's value and decorated while it has a problem.
 * Below the fields, made once, the {@link RunOnChoice}. UI thread only.
 */
final class ParameterForm {

    static final String NO_PARAMETERS = "This provider takes no parameters.";
    private static final int FIELDS_PER_ROW = 2;

    private final Composite root;
    private final Composite body;
    private final RunOnChoice runOn;
    private final ParameterFormViewModel form;
    private final List<Control> editors = new ArrayList<>();
    private final List<ControlDecoration> decorations = new ArrayList<>();
    private final Realm realm;
    private DataBindingContext bindings;
    private final List<ISideEffect> sideEffects = new ArrayList<>();

    ParameterForm(Composite parent, ParameterFormViewModel form) {
        this.form = form;
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 10).applyTo(root);
        body = new Composite(root, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(body);
        // The display's Realm, not the default one: a provider may be picked outside Realm.runWithDefault.
        realm = DisplayRealm.getRealm(body.getDisplay());
        runOn = new RunOnChoice(root, form, realm);
        bindings = new DataBindingContext(realm);
        // Two fields a row: a provider's seven parameters take four rows, not seven.
        GridLayoutFactory.fillDefaults().numColumns(2 * FIELDS_PER_ROW).spacing(12, 6).applyTo(body);
        form.fields().addListChangeListener(event -> rebuild());
        body.addDisposeListener(event -> disposeBindings());
        rebuild();
    }

    Control control() {
        return root;
    }

    RunOnChoice runOn() {
        return runOn;
    }

    /** The editor of the named parameter's field. */
    Control editor(String name) {
        return editors.get(indexOf(name));
    }

    ControlDecoration decoration(String name) {
        return decorations.get(indexOf(name));
    }

    private int indexOf(String name) {
        for (int i = 0; i < form.fields().size(); i++) {
            if (form.fields().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No field for parameter '" + name + "'");
    }

    private void rebuild() {
        if (body.isDisposed()) {
            return;
        }
        disposeBindings();
        for (Control child : body.getChildren()) {
            child.dispose();
        }
        editors.clear();
        decorations.clear();
        bindings = new DataBindingContext(realm);
        if (form.fields().isEmpty()) {
            Label none = new Label(body, SWT.NONE);
            none.setText(NO_PARAMETERS);
            GridDataFactory.fillDefaults().span(2 * FIELDS_PER_ROW, 1).applyTo(none);
        }
        for (ParameterFieldViewModel field : form.fields()) {
            addField(field);
        }
        // The form's height changes with the provider: the window's layout must follow, not only the form's.
        body.requestLayout();
    }

    private void addField(ParameterFieldViewModel field) {
        Label label = new Label(body, SWT.NONE);
        label.setText(field.label() + ":");
        label.setToolTipText(field.help());
        Control editor = switch (field.type()) {
        case BOOLEAN -> checkBox(field);
        case CHOICE -> dropDown(field);
        case INTEGER, DECIMAL, TEXT -> textField(field);
        };
        editor.setToolTipText(field.help());
        ControlDecoration decoration = ErrorDecoration.on(editor);
        int indent = decoration.getImage().getBounds().width + 2;
        GridDataFactory.fillDefaults().grab(field.type() != ParameterType.BOOLEAN, false).indent(indent, 0)
                .hint(120, SWT.DEFAULT).applyTo(editor);
        ISideEffect showProblem = ISideEffect.createPaused(realm, () -> {
            String problem = field.problem().getValue();
            if (problem.isEmpty()) {
                decoration.hide();
            } else {
                decoration.setDescriptionText(problem);
                decoration.show();
            }
        });
        showProblem.resume();
        sideEffects.add(showProblem);
        editors.add(editor);
        decorations.add(decoration);
    }

    private Control textField(ParameterFieldViewModel field) {
        Text text = new Text(body, SWT.BORDER | SWT.SINGLE);
        text.setMessage(field.descriptor().defaultValue());
        bindings.bindValue(WidgetProperties.text(SWT.Modify).observe(text), field.value());
        return text;
    }

    private Control checkBox(ParameterFieldViewModel field) {
        Button check = new Button(body, SWT.CHECK);
        bindings.bindValue(WidgetProperties.buttonSelection().observe(check), field.value(),
                UpdateValueStrategy.create(IConverter.create(Boolean.class, String.class, (Boolean selected) -> String.valueOf(selected))),
                UpdateValueStrategy.create(IConverter.create(String.class, Boolean.class, (String value) -> "true".equals(value))));
        return check;
    }

    private Control dropDown(ParameterFieldViewModel field) {
        Combo combo = new Combo(body, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setItems(field.descriptor().choices().toArray(String[]::new));
        bindings.bindValue(WidgetProperties.comboSelection().observe(combo), field.value());
        return combo;
    }

    private void disposeBindings() {
        sideEffects.forEach(ISideEffect::dispose);
        sideEffects.clear();
        bindings.dispose();
    }
}
