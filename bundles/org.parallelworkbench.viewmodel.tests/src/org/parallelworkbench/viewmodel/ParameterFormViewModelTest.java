package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ExecutionTarget;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.ParameterType;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.testing.FakeJobService;

class ParameterFormViewModelTest {

    private final QueueRealm realm = new QueueRealm();
    private final FakeJobService jobs = new FakeJobService(TestProviders.TICKER);
    private final InMemoryParameterMemory memory = new InMemoryParameterMemory();

    private WorkbenchViewModel workbench() {
        jobs.install(TestProviders.TICKER, TestProviders.COUNTER);
        WorkbenchViewModel workbench = new WorkbenchViewModel(realm, jobs, memory, Runnable::run);
        workbench.selectedProvider().setValue(TestProviders.TICKER); // as a user would pick it
        return workbench;
    }

    @Test
    void aFieldPerDeclaredParameterInOrderFilledWithDefaults() {
        WorkbenchViewModel workbench = workbench();
        assertTrue(workbench.form().fields().isEmpty(), "the ticker of the fake takes no parameters");

        workbench.selectedProvider().setValue(TestProviders.COUNTER);

        List<ParameterFieldViewModel> fields = workbench.form().fields();
        assertEquals(List.of("limit", "fast", "mode"), fields.stream().map(ParameterFieldViewModel::name).toList());
        assertEquals(List.of("100", "false", "up"), fields.stream().map(f -> f.value().getValue()).toList());
        assertEquals(List.of(ParameterType.INTEGER, ParameterType.BOOLEAN, ParameterType.CHOICE),
                fields.stream().map(ParameterFieldViewModel::type).toList());
        assertEquals("Limit (units)", fields.get(0).label());
        assertEquals("How far to count\nFrom 1 to 1000\nDefault: 100", fields.get(0).help());
    }

    @Test
    void eachFieldShowsItsOwnProblemAndTheFormIsInvalidWhileAnyHasOne() {
        WorkbenchViewModel workbench = workbench();
        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        ParameterFieldViewModel limit = workbench.form().fields().get(0);
        ParameterFieldViewModel mode = workbench.form().fields().get(2);

        limit.value().setValue("ten");
        mode.value().setValue("sideways");

        assertEquals("must be a whole number, not 'ten'", limit.problem().getValue());
        assertEquals("must be one of up, down, not 'sideways'", mode.problem().getValue());
        assertEquals("", workbench.form().fields().get(1).problem().getValue());
        assertFalse(workbench.form().valid().getValue());

        limit.value().setValue("10");
        mode.value().setValue("down");
        assertEquals("", limit.problem().getValue());
        assertTrue(workbench.form().valid().getValue());
    }

    @Test
    void aProblemSpanningFieldsIsShownAtTheFieldTheProviderNames() {
        jobs.validator = parameters -> parameters.values().get("mode").equals("down")
                && parameters.values().get("fast").equals("true")
                        ? List.of(new ParameterProblem("fast", "cannot count down fast"))
                        : List.of();
        WorkbenchViewModel workbench = workbench();
        workbench.selectedProvider().setValue(TestProviders.COUNTER);

        workbench.form().fields().get(1).value().setValue("true");
        workbench.form().fields().get(2).value().setValue("down");

        assertEquals("cannot count down fast", workbench.form().fields().get(1).problem().getValue());
        assertEquals("fast: cannot count down fast", workbench.form().problemsText().getValue());
    }

    @Test
    void lastUsedValuesComeBackWhenTheProviderIsPickedAgain() {
        memory.remember("counter", Map.of("limit", "250", "mode", "down"));
        WorkbenchViewModel workbench = workbench();

        workbench.selectedProvider().setValue(TestProviders.COUNTER);

        assertEquals(List.of("250", "false", "down"),
                workbench.form().fields().stream().map(f -> f.value().getValue()).toList());
        workbench.form().restoreDefaults();
        assertEquals(List.of("100", "false", "up"),
                workbench.form().fields().stream().map(f -> f.value().getValue()).toList());
    }

    @Test
    void runOnStartsAtDefaultComesBackPerProviderAndRestoreDefaultsResetsIt() {
        memory.remember("counter", Map.of("limit", "250", ParameterMemory.TARGET_KEY, "PROCESSES"));
        WorkbenchViewModel workbench = workbench();
        assertEquals(ExecutionTarget.AUTO, workbench.form().target().getValue(), "the ticker has nothing remembered");
        assertEquals(List.of(ExecutionTarget.AUTO, ExecutionTarget.THREADS, ExecutionTarget.PROCESSES,
                ExecutionTarget.CLUSTER), ParameterFormViewModel.TARGETS);
        assertEquals(ParameterFormViewModel.TARGETS.stream().map(t -> t.label() + ":").toList(),
                ParameterFormViewModel.TARGET_HELP.lines().skip(1).map(l -> l.substring(0, l.indexOf(':') + 1)).toList(),
                "the help has a line per choice, in the drop-down's order");
        assertFalse(ParameterFormViewModel.TARGET_HELP.contains("  "), ParameterFormViewModel.TARGET_HELP);

        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        assertEquals(ExecutionTarget.PROCESSES, workbench.form().target().getValue());
        assertEquals(List.of("limit", "fast", "mode"), workbench.form().fields().stream().map(ParameterFieldViewModel::name).toList(),
                "the choice is no field");
        workbench.selectedProvider().setValue(TestProviders.TICKER);
        assertEquals(ExecutionTarget.AUTO, workbench.form().target().getValue(), "choices do not leak between providers");

        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        workbench.form().restoreDefaults();
        assertEquals(ExecutionTarget.AUTO, workbench.form().target().getValue());
    }

    @Test
    void anUnknownRememberedTargetReadsAsDefault() {
        memory.remember("counter", Map.of(ParameterMemory.TARGET_KEY, "GPU"));
        WorkbenchViewModel workbench = workbench();

        workbench.selectedProvider().setValue(TestProviders.COUNTER);

        assertEquals(ExecutionTarget.AUTO, workbench.form().target().getValue());
    }

    @Test
    void anUpdatedProviderKeepsWhatTheUserTypedForParametersItStillHas() {
        WorkbenchViewModel workbench = workbench();
        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        workbench.form().fields().get(0).value().setValue("42");
        workbench.form().target().setValue(ExecutionTarget.THREADS);
        ProviderInfo updated = new ProviderInfo("counter", "Counter", "Counts", "2.2",
                List.of(ParameterDescriptor.integer("limit", "Limit", 100, 1, 1000), ParameterDescriptor.text("label", "Label", "x")));

        workbench.providersChanged(List.of(TestProviders.TICKER, updated));

        assertEquals(List.of("42", "x"), workbench.form().fields().stream().map(f -> f.value().getValue()).toList());
        assertEquals(ExecutionTarget.THREADS, workbench.form().target().getValue());
    }

    @Test
    void aProviderThatIsGoneCannotStart() {
        WorkbenchViewModel workbench = workbench();
        workbench.selectedProvider().setValue(TestProviders.COUNTER);
        jobs.install(TestProviders.TICKER);

        workbench.form().fields().get(0).value().setValue("7"); // revalidates against an engine that lost it

        assertFalse(workbench.canStart().getValue());
        assertEquals("counter: No provider with id 'counter'", workbench.form().problemsText().getValue());
    }
}
