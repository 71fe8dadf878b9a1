package org.parallelworkbench.process.channel;

import java.util.List;
import java.util.Objects;

import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkUnit;

/**
 * One frame's content. The conversation, E for the engine and W for the worker process:
 * <ol>
 * <li>W sends {@link Hello} as soon as it is connected, then {@link Ready} once it found the provider in its
 * own service registry, or {@link Unavailable} with the reason and exits.</li>
 * <li>E sends {@link Execute} batches; W executes their units one at a time, in order, answering each with
 * {@link Completed} or {@link Failed}. E may send the next batch before the last one is done.</li>
 * <li>E sends {@link Cancel} when the run stops: W drops the units it has not started, tells the unit in
 * progress it is cancelled (and interrupts it), and answers {@link Idle} once no unit executes. Answers to
 * units of before the cancel may come before the {@code Idle}.</li>
 * <li>E sends {@link Shutdown} to end W; W also ends when the channel closes or the engine's process dies.</li>
 * </ol>
 */
public sealed interface Message {

    /** W, first: the protocol it speaks and its process id. */
    record Hello(int protocolVersion, long pid) implements Message {
    }

    /** W: the provider was found; units may come. */
    record Ready(String providerId, String providerVersion) implements Message {
        public Ready {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(providerVersion, "providerVersion");
        }
    }

    /** W: the provider cannot run here, and why (e.g. its bundle did not start); W exits after it. */
    record Unavailable(String reason) implements Message {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** E: units to execute in this order, after those already sent. */
    record Execute(List<WorkUnit> units) implements Message {
        public Execute {
            units = List.copyOf(units);
        }
    }

    /** W: a unit returned this result. */
    record Completed(UnitResult result) implements Message {
        public Completed {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * W: a unit threw (or returned nothing, or another unit's result).
     *
     * @param exceptionType the class name of what it threw, e.g. {@code java.lang.IllegalStateException}
     * @param stackTrace    the throwable as {@link Throwable#printStackTrace()} shows it
     */
    record Failed(long unitIndex, String exceptionType, String message, String stackTrace) implements Message {
        public Failed {
            Objects.requireNonNull(exceptionType, "exceptionType");
            message = message == null ? "" : message;
            stackTrace = stackTrace == null ? "" : stackTrace;
        }
    }

    /** E: stop the units sent so far. */
    record Cancel() implements Message {
    }

    /** W, after {@link Cancel}: no unit executes and none is waiting. */
    record Idle() implements Message {
    }

    /** E: end the process. */
    record Shutdown() implements Message {
    }
}
