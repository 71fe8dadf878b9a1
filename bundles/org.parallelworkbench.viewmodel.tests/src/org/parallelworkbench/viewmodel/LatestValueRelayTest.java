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
        LatestValueRelay<Integer> relay = new LatestValueRelay<>(realm, delivered::add);
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
        LatestValueRelay<String> relay = new LatestValueRelay<>(realm, delivered::add);

        relay.offer("a");
        realm.drain();
        relay.offer("b");
        relay.offer("c");
        realm.drain();

        assertEquals(List.of("a", "c"), delivered);
        assertEquals(0, realm.queued());
    }

    @Test
    void concurrentOffersAreNeverLostAtTheEnd() throws Exception {
        QueueRealm realm = new QueueRealm();
        List<Integer> delivered = new ArrayList<>();
        LatestValueRelay<Integer> relay = new LatestValueRelay<>(realm, delivered::add);
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
}
