package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LatestValueRelayTest {

    @Test
    void floodFromAnotherThreadQueuesAtMostOneDeliveryAndTheLatestValueWins() throws Exception {
        QueueRealm realm = new QueueRealm();
        List<Integer> delivered = new ArrayList<>();
        LatestValueRelay<Integer> relay = unthrottled(realm, delivered::add);
        int offers = 100_000;

        Thread engine = new Thread(() -> {
            for (int i = 1; i <= offers; i++) {
                relay.offer(i);
            }
        }, "fake-engine");
        engine.start();
        engine.join(TimeUnit.SECONDS.toMillis(10));

        assertEquals(1, realm.queued(), "a flood must leave one delivery queued, not a backlog");
        realm.drain();
        assertEquals(List.of(offers), delivered, "the single delivery must carry the newest value");
    }

    @Test
    void aValueOfferedAfterADeliveryIsDeliveredToo() {
        QueueRealm realm = new QueueRealm();
        List<String> delivered = new ArrayList<>();
        LatestValueRelay<String> relay = unthrottled(realm, delivered::add);

        relay.offer("a");
        realm.drain();
        relay.offer("b");
        relay.offer("c");
        realm.drain();

        assertEquals(List.of("a", "c"), delivered);
        assertEquals(0, realm.queued());
    }

    @Test
    void deliveriesComeAtMostOncePerIntervalAndTheLastValueStillArrives() {
        QueueRealm realm = new QueueRealm();
        long[] now = { 0 };
        List<Integer> delivered = new ArrayList<>();
        LatestValueRelay<Integer> relay = new LatestValueRelay<>(realm, delivered::add, TimeUnit.MILLISECONDS.toNanos(16),
                () -> now[0]);

        relay.offer(1);
        realm.drain();
        assertEquals(List.of(1), delivered, "the first value goes at once");

        now[0] = TimeUnit.MILLISECONDS.toNanos(5);
        relay.offer(2);
        relay.offer(3);
        realm.drain();
        assertEquals(List.of(1), delivered, "5 ms after a delivery the next one must wait");
        assertEquals(List.of(11), realm.timerDelaysMillis, "it waits for the rest of the interval");

        now[0] = TimeUnit.MILLISECONDS.toNanos(16);
        realm.fireTimers();
        assertEquals(List.of(1, 3), delivered, "then the newest value goes");
    }

    @Test
    void aSecondOfContinuousOffersCostsAboutSixtyDeliveries() {
        QueueRealm realm = new QueueRealm();
        long[] now = { 0 };
        List<Integer> delivered = new ArrayList<>();
        LatestValueRelay<Integer> relay = new LatestValueRelay<>(realm, delivered::add, TimeUnit.MILLISECONDS.toNanos(16),
                () -> now[0]);
        long timerDueNanos = Long.MAX_VALUE;

        // A UI loop turning every 100 µs while an engine offers a value each turn, for one second.
        for (int micros = 0; micros <= 1_000_000; micros += 100) {
            now[0] = TimeUnit.MICROSECONDS.toNanos(micros);
            relay.offer(micros);
            int timersBefore = realm.timerDelaysMillis.size();
            realm.drain();
            if (realm.timerDelaysMillis.size() > timersBefore) {
                timerDueNanos = now[0] + TimeUnit.MILLISECONDS.toNanos(realm.timerDelaysMillis.get(timersBefore));
            }
            if (now[0] >= timerDueNanos) {
                timerDueNanos = Long.MAX_VALUE;
                realm.fireTimers();
            }
        }
        now[0] += TimeUnit.MILLISECONDS.toNanos(16);
        realm.fireTimers();

        // One at once, one per 16 ms for the second, and the last value after it.
        assertTrue(delivered.size() <= 1 + 1_000 / 16 + 1, delivered.size() + " deliveries in one second");
        assertTrue(delivered.size() >= 50, "updates must keep flowing: " + delivered.size());
        assertEquals(1_000_000, delivered.get(delivered.size() - 1), "the last value offered is the last shown");
    }

    @Test
    void concurrentOffersAreNeverLostAtTheEnd() throws Exception {
        QueueRealm realm = new QueueRealm();
        List<Integer> delivered = new ArrayList<>();
        LatestValueRelay<Integer> relay = unthrottled(realm, delivered::add);
        Thread engine = new Thread(() -> {
            for (int i = 1; i <= 50_000; i++) {
                relay.offer(i);
            }
        }, "fake-engine");
        engine.start();
        // Drain while offers arrive, as a UI thread would.
        while (engine.isAlive()) {
            realm.drain();
        }
        realm.drain();
        assertTrue(delivered.size() < 50_000, "values must be coalesced, got " + delivered.size() + " deliveries");
        assertEquals(50_000, delivered.get(delivered.size() - 1), "the last value offered must be the last shown");
    }

    /** Coalescing alone, without the minimum interval between deliveries. */
    private static <T> LatestValueRelay<T> unthrottled(QueueRealm realm, java.util.function.Consumer<T> sink) {
        return new LatestValueRelay<>(realm, sink, 0, System::nanoTime);
    }
}
