package org.parallelworkbench.journal.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * Which process writes journal entries, and whether the process that wrote others still runs. Several
 * product processes share one journal (the window and headless commands next to it); a run started by one
 * that is still alive is active, not interrupted, and its entries must not be mixed up with this one's.
 */
interface Processes {

    /** This process, as written into each of its entries. */
    String self();

    /** Whether the process that wrote entries as {@code process} still runs; false for "" (entries of old versions). */
    boolean alive(String process);

    /**
     * The operating system's processes: "pid@start" (start in epoch milliseconds, so that a pid used again
     * by a later process is not taken for the writer), or "pid" where the start is not known.
     */
    Processes OPERATING_SYSTEM = new Processes() {

        @Override
        public String self() {
            return name(ProcessHandle.current());
        }

        @Override
        public boolean alive(String process) {
            int at = process.indexOf('@');
            long pid;
            try {
                pid = Long.parseLong(at < 0 ? process : process.substring(0, at));
            } catch (NumberFormatException e) {
                return false;
            }
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            return handle.isPresent() && handle.get().isAlive() && name(handle.get()).equals(process);
        }

        private static String name(ProcessHandle process) {
            Optional<Instant> start = process.info().startInstant();
            return process.pid() + start.map(s -> "@" + s.toEpochMilli()).orElse("");
        }
    };
}
