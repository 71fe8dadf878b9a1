package org.parallelworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import org.junit.jupiter.api.Test;

class RunEventTest {

    @Test
    void withoutUnitEventsDropsTheUnitsEventsAndStillMeetsABoundedDemand() {
        List<RunEvent> received = new ArrayList<>();
        try (SubmissionPublisher<RunEvent> publisher = new SubmissionPublisher<>(Runnable::run, 16)) {
            publisher.subscribe(RunEvent.withoutUnitEvents(new Flow.Subscriber<RunEvent>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(2); // no more: the dropped events must not use it up
                }

                @Override
                public void onNext(RunEvent event) {
                    received.add(event);
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            }));
            RunEvent progress = new RunEvent.Progress("r", 1, 3, 1.0, -1);
            RunEvent result = new RunEvent.ResultUpdated("r", new ResultValue.Scalar("2"));
            publisher.submit(new RunEvent.UnitCompleted("r", new UnitResult(0, "a"), 1, 3));
            publisher.submit(progress);
            publisher.submit(new RunEvent.UnitCompleted("r", new UnitResult(1, "b"), 2, 3));
            publisher.submit(result);
            publisher.submit(new RunEvent.StateChanged("r", RunState.SUCCEEDED, ""));

            assertEquals(List.of(progress, result), received);
        }
    }
}
