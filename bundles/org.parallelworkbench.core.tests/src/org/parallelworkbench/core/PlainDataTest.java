package org.parallelworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlainDataTest {

    @Test
    void providerIdsAreRestrictedToCommandLineFriendlyCharacters() {
        assertEquals("ticker", new ProviderInfo("ticker", null, null, null).name(), "name defaults to the id");
        assertThrows(IllegalArgumentException.class, () -> new ProviderInfo("two words", "x", "", "1"));
        assertThrows(IllegalArgumentException.class, () -> new ProviderInfo("", "x", "", "1"));
    }

    @Test
    void workUnitsCopyTheirDataAndNameAMissingKey() {
        WorkUnit unit = new WorkUnit(3, Map.of("from", "10"));

        assertEquals("10", unit.get("from"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unit.get("to"));
        assertEquals("Work unit 3 has no 'to'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WorkUnit(-1, Map.of()));
    }

    @Test
    void plansRejectANonPositiveConcurrencyCapAndCopyFiniteUnits() {
        assertThrows(IllegalArgumentException.class, () -> WorkPlan.of(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> WorkPlan.open(i -> new WorkUnit(i, Map.of()), 0));

        List<WorkUnit> units = new ArrayList<>(List.of(new WorkUnit(0, Map.of())));
        WorkPlan.Finite plan = (WorkPlan.Finite) WorkPlan.of(units, 2);
        units.clear();
        assertEquals(1, plan.units().size());
    }

    @Test
    void outcomesNeedAFinalState() {
        assertThrows(IllegalArgumentException.class,
                () -> new RunOutcome(RunState.RUNNING, List.of(), null, "", Duration.ZERO));
        RunOutcome outcome = new RunOutcome(RunState.CANCELED, List.of(new UnitResult(0, "1")), new ResultValue.Scalar("1"),
                null, Duration.ZERO);
        assertEquals("", outcome.reason());
        assertEquals("1", outcome.summary());
        assertTrue(RunState.CANCELED.isFinal());
        assertFalse(RunState.SCHEDULED.isFinal());
    }

    @Test
    void outcomesCountAtLeastTheUnitsWhoseResultsTheyKeep() {
        List<UnitResult> kept = List.of(new UnitResult(5, "5"), new UnitResult(6, "6"));

        assertEquals(2, new RunOutcome(RunState.SUCCEEDED, kept, null, "", Duration.ZERO).unitsCompleted(),
                "the short constructor counts the results");
        assertEquals(7, new RunOutcome(RunState.CANCELED, kept, 7, null, "", Duration.ZERO).unitsCompleted());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RunOutcome(RunState.CANCELED, kept, 1, null, "", Duration.ZERO));
        assertEquals("unitsCompleted (1) is less than the 2 results", e.getMessage());
    }
}
