package org.parallelworkbench.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a run's units execute, chosen per run ({@link RunOptions#target()}). Providers do not see it:
 * the same plain-data units run on any target.
 *
 * @since 0.4
 */
public enum ExecutionTarget {

    /**
     * Let the engine choose: {@link #PROCESSES} for a provider that {@linkplain WorkProvider#prefersIsolation()
     * prefers isolation}, else the default configured for the provider's kind of bundle (threads for the bundles
     * the product ships, processes for drop-ins, whose code the product did not ship).
     */
    AUTO("Default"),

    /** Pooled threads of the product's own JVM: the cheapest, but a unit that exits or crashes takes it down. */
    THREADS("Threads"),

    /**
     * Pooled worker JVMs on this machine, each running only the provider's bundle and what it needs: a unit that
     * exits, runs out of memory or crashes its JVM fails only its run, and one that ignores cancel is killed.
     */
    PROCESSES("Processes"),

    /**
     * Machines that run the product as cluster members, each executing units through its own engine with the
     * provider installed there: for work that outgrows one machine. Members take units only of the same provider
     * version; the engine joins the cluster when the first run goes there.
     *
     * @since 0.5
     */
    CLUSTER("Cluster");

    private final String label;

    ExecutionTarget(String label) {
        this.label = label;
    }

    /** What a user reads, e.g. "Processes". */
    public String label() {
        return label;
    }

    /**
     * The target named by its lower-case name, as typed on a command line ({@code threads}, {@code processes},
     * {@code cluster}, {@code auto}); case is ignored.
     *
     * @throws IllegalArgumentException naming the choices, if the name is none of them
     */
    public static ExecutionTarget parse(String name) {
        for (ExecutionTarget target : values()) {
            if (target.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return target;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a place to run units; choose "
                + String.join(", ", Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
