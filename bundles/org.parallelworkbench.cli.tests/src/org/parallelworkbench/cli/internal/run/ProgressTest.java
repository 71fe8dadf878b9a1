package org.parallelworkbench.cli.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.RunEvent;
import org.parallelworkbench.core.UnitResult;

class ProgressTest {

    private final AtomicLong clock = new AtomicLong(1_000);

    private static RunEvent.UnitCompleted completed(long done, long total) {
        return new RunEvent.UnitCompleted("1", new UnitResult(done - 1, "v"), done, total);
    }

    @Test
    void withoutEngineProgressRateAndEtaComeFromCompletedUnits() {
        ProgressTracker tracker = new ProgressTracker(clock::get);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        tracker.accept(completed(25, 100));
        ProgressSnapshot snapshot = tracker.snapshot();
        assertEquals(25, snapshot.unitsDone());
        assertEquals(100, snapshot.unitsTotal());
        assertEquals(12.5, snapshot.unitsPerSecond(), 1e-9);
        assertEquals(6_000, snapshot.etaMillis());
    }

    @Test
    void completionsArrivingLateNeverMoveProgressBack() {
        ProgressTracker tracker = new ProgressTracker(clock::get);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        tracker.accept(completed(5, 10));
        tracker.accept(completed(4, 10));
        assertEquals(5, tracker.snapshot().unitsDone());
    }

    @Test
    void engineProgressWinsOverCompletedUnitsOnceItArrives() {
        ProgressTracker tracker = new ProgressTracker(clock::get);
        tracker.accept(new RunEvent.Progress("1", 40, 100, 8.0, 7_500));
        tracker.accept(completed(41, 100));
        assertEquals(new ProgressSnapshot(40, 100, 8.0, 7_500), tracker.snapshot());
    }

    @Test
    void plainLineShowsCountPercentRateAndEta() {
        assertEquals("45/100 units (45%), 12.3 units/s, ETA 0:05", new ProgressSnapshot(45, 100, 12.34, 4_500).plain());
        assertEquals("1 unit, 1.0 units/s", new ProgressSnapshot(1, -1, 1.0, -1).plain());
        assertEquals("0/100 units (0%), 0.0 units/s", ProgressSnapshot.of(0, 100, 0).plain());
    }

    @Test
    void barFillsInProportionToUnitsDone() {
        assertEquals("[#####.....]  50/100  50%  10.0/s  ETA 0:05", new ProgressSnapshot(50, 100, 10, 5_000).bar(10));
        assertEquals("[..........]  0/100  0%  0.0/s", new ProgressSnapshot(0, 100, 0, -1).bar(10));
        assertEquals("7 units  1.0/s", new ProgressSnapshot(7, -1, 1, -1).bar(10));
    }

    @Test
    void durationsUseMinutesAndHours() {
        assertEquals("0:01", ProgressSnapshot.duration(1));
        assertEquals("1:05", ProgressSnapshot.duration(65_000));
        assertEquals("2:00:00", ProgressSnapshot.duration(TimeUnit.HOURS.toMillis(2)));
    }
}
