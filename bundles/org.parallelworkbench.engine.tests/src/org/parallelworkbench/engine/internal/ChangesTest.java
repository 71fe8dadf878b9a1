package org.parallelworkbench.engine.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.parallelworkbench.testing.Changes;
import org.parallelworkbench.testing.Waits;

/**
 * The shared {@link Changes} wakes its waiter on the sources the engine tests rely on. Each change is made only
 * after the waiter's first check failed, so the test passes only if the change itself woke it.
 */
class ChangesTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void anEclipseJobEndingWakesTheWaiter() {
        Job job = Job.create("ChangesTest job", monitor -> {
        });
        boolean[] scheduled = new boolean[1];
        try (Changes changes = new Changes()) {
            changes.await(() -> {
                if (!scheduled[0]) {
                    scheduled[0] = true;
                    job.schedule();
                    return false;
                }
                return job.getState() == Job.NONE && job.getResult() != null;
            }, WITHIN, () -> "the job's end did not wake the waiter; state " + job.getState());
        }
    }

    @Test
    void aServiceRegisteredOnAnotherThreadWakesTheWaiter() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        String marker = UUID.randomUUID().toString();
        String filter = "(changes.test=" + marker + ")";
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("changes.test", marker);
        CountDownLatch checkedOnce = new CountDownLatch(1);
        ExecutorService registrar = Executors.newSingleThreadExecutor();
        // Its thread exists before the Changes opens, and lives on: its end cannot be what wakes the waiter.
        registrar.submit(() -> null).get();
        try (Changes changes = new Changes()) {
            Future<ServiceRegistration<Object>> registration = registrar.submit(() -> {
                Waits.await(checkedOnce, WITHIN, "the waiter never checked");
                return context.registerService(Object.class, new Object(), properties);
            });
            changes.await(() -> {
                checkedOnce.countDown();
                return registered(context, filter);
            }, WITHIN, () -> "the service registration did not wake the waiter");
            registration.get().unregister();
        } finally {
            registrar.shutdownNow();
        }
    }

    @Test
    void aConditionThatNeverHoldsFailsWithItsMessage() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Waits.until(() -> false, Duration.ofMillis(50), () -> "never"));
        assertTrue(failure.getMessage().startsWith("never (waited 50 ms)"),
                failure.getMessage());
    }

    private static boolean registered(BundleContext context, String filter) {
        try {
            return context.getServiceReferences(Object.class.getName(), filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(filter, e);
        }
    }
}
