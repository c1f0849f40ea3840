package io.stocklock.adapters.kafka.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.out.OutcomePublisher;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.TransactionSystemException;

class IntakeFailuresTest {

    /** The store calls only this one transient; the intake adds its own passing failures. */
    private final IntakeFailures failures = new IntakeFailures(TransactionSystemException.class::isInstance);

    @Test
    void aCommitRefusedAfterARebalanceIsRetriedNotDeadLettered() {
        // how the container hands a failed commit of a decided batch to the error handler
        var failure = new KafkaException("Seek to current after exception",
                new CommitFailedException("the consumer is not part of an active group"));

        assertThat(failures.isTransient(failure)).isTrue();
        assertThat(failures.isTransient(new ListenerExecutionFailedException("Listener failed",
                new TimeoutException("coordinator not available")))).isTrue();
    }

    @Test
    void outcomeEventsTheBrokerDidNotTakeAreRetriedNotDeadLettered() {
        // the batch was decided and committed; delivering it again publishes its decisions' events again
        var failure = new ListenerExecutionFailedException("Listener failed",
                new OutcomePublisher.NotPublished("publishing 500 outcome events failed",
                        new java.util.concurrent.TimeoutException("no acknowledgement within 10 s")));

        assertThat(failures.isTransient(failure)).isTrue();
    }

    @Test
    void whatTheStoreCallsTransientIsRetried() {
        assertThat(failures.isTransient(new TransactionSystemException("rollback failed"))).isTrue();
    }

    @Test
    void whatWouldFailAgainWithTheSameInputIsNot() {
        assertThat(failures.isTransient(new DataIntegrityViolationException("check violated",
                new SQLException("new row violates check constraint", "23514")))).isFalse();
        assertThat(failures.isTransient(new IllegalArgumentException("quantity must be positive")))
                .isFalse();
        assertThat(failures.isTransient(new KafkaException("record too large"))).isFalse();
    }
}
