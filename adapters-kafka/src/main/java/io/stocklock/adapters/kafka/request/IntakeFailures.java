package io.stocklock.adapters.kafka.request;

import io.stocklock.application.failure.FailureClassifier;
import io.stocklock.application.port.out.OutcomePublisher;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * What the Kafka intake retries instead of dead-lettering: what the store calls transient ({@link FailureClassifier}),
 * and the intake's own passing failures, after which the same records come again and are found decided.
 */
public final class IntakeFailures {

    private final FailureClassifier store;

    public IntakeFailures(FailureClassifier store) {
        this.store = store;
    }

    public boolean isTransient(Throwable failure) {
        if (store.isTransient(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            // the batch was decided, but this consumer lost its partitions before committing: whoever owns them now
            // gets the records again and finds them decided
            if (cause instanceof CommitFailedException || cause instanceof RebalanceInProgressException
                    || cause instanceof RetriableException
                    // the batch was decided, but its outcome events did not reach the broker: the records come
                    // again, are found decided, and their events are published again
                    || cause instanceof OutcomePublisher.NotPublished) {
                return true;
            }
        }
        return false;
    }
}
