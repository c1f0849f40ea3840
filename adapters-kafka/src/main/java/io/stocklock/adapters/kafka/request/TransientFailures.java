package io.stocklock.adapters.kafka.request;

import io.stocklock.application.port.out.OutcomePublisher;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Tells failures that go away by themselves (the database restarting, a lost connection, a lock or statement
 * timeout, a deadlock or serialization failure, an offset commit refused because the group rebalanced) from failures
 * that would happen again with the same input.
 */
public final class TransientFailures {

    /** SQLSTATE classes and codes PostgreSQL uses for conditions worth retrying. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "57014");

    private TransientFailures() {
    }

    /** PostgreSQL always says what went wrong; no SQLSTATE means the connection itself failed (pool, network). */
    private static boolean isTransient(String sqlState) {
        return sqlState == null || TRANSIENT_CODES.contains(sqlState)
                || TRANSIENT_CLASSES.contains(sqlState.substring(0, Math.min(2, sqlState.length())));
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransactionException // begin, commit or rollback failed: the connection
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof IOException
                    // the batch was decided, but this consumer lost its partitions before committing: whoever owns
                    // them now gets the records again and finds them decided
                    || cause instanceof CommitFailedException || cause instanceof RebalanceInProgressException
                    || cause instanceof RetriableException
                    // the batch was decided, but its outcome events did not reach the broker: the records come
                    // again, are found decided, and their events are published again
                    || cause instanceof OutcomePublisher.NotPublished) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransient(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
