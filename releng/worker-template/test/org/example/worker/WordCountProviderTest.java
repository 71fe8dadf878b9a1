package org.example.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;

/** The provider on its own, without an engine or OSGi: plan, execute each unit, accumulate, as the engine would. */
class WordCountProviderTest {

    private final WordCountProvider provider = new WordCountProvider();

    @Test
    void countsTheWordsOfEverySentence() throws Exception {
        assertEquals("7", run(Parameters.NONE.with("text", "One two three. Four five! Six, seven?")));
    }

    @Test
    void theDefaultTextCountsNineWords() throws Exception {
        Parameters defaults = ParameterDescriptor.withDefaults(provider.info().parameters(), Parameters.NONE);
        assertEquals("9", run(defaults));
    }

    @Test
    void plansOneUnitPerSentenceAndNoneForEmptyText() {
        WorkPlan.Finite plan = assertInstanceOf(WorkPlan.Finite.class, provider.plan(Parameters.NONE.with("text", "A b. C d. E")));
        assertEquals(3, plan.units().size());
        WorkPlan.Finite empty = assertInstanceOf(WorkPlan.Finite.class, provider.plan(Parameters.NONE.with("text", " ... ")));
        assertEquals(0, empty.units().size());
    }

    @Test
    void aCancelledRunStopsTheUnit() {
        WorkUnit unit = new WorkUnit(0, Map.of(WordCountProvider.KEY_SENTENCE, "a b c"));
        assertThrows(CancellationException.class, () -> provider.execute(unit, UnitContext.canceledWhen(() -> true)));
    }

    @Test
    void rejectsUnknownParameters() {
        assertFalse(provider.validate(Parameters.NONE.with("txet", "typo")).isEmpty());
    }

    private String run(Parameters parameters) throws Exception {
        WorkPlan.Finite plan = assertInstanceOf(WorkPlan.Finite.class, provider.plan(parameters));
        ResultAccumulator accumulator = provider.accumulator(parameters);
        UnitContext running = UnitContext.canceledWhen(() -> false);
        for (WorkUnit unit : plan.units().reversed()) {
            accumulator.accept(provider.execute(unit, running));
        }
        return assertInstanceOf(ResultValue.Scalar.class, accumulator.snapshot()).text();
    }
}
