package org.parallelworkbench.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register one as an OSGi service to hear of every run the engine starts (the run journal
 * does). Called on the starting thread before the run is scheduled, so no event is missed; must return
 * quickly and must not block. An observer that throws is logged and otherwise ignored.
 */
@ConsumerType
public interface RunObserver {

    void runStarted(RunHandle run);
}
