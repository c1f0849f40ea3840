package io.stocklock.application.failure;

/**
 * Tells failures that go away by themselves (the database restarting, a lost connection, a lock or statement timeout,
 * a deadlock or serialization failure) from failures that would happen again with the same input. The adapter of the
 * store implements it; the door's retries, the Kafka intake's retries and the HTTP problem mapping all ask it.
 */
@FunctionalInterface
public interface FailureClassifier {

    /** Whether the failure, or any of its causes, is worth trying again as it is. */
    boolean isTransient(Throwable failure);
}
