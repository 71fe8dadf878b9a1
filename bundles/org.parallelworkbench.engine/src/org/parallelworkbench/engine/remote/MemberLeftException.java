package org.parallelworkbench.engine.remote;

/** The member left (it was stopped, killed or cut off) before it answered a batch: the batch's units did not complete. */
public class MemberLeftException extends Exception {

    private static final long serialVersionUID = 1L;

    public MemberLeftException(String message, Throwable cause) {
        super(message, cause);
    }
}
