package io.stocklock.adapters.kafka.request;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells failures that go away by themselves (the database restarting, a lost connection, a lock or statement
 * timeout, a deadlock or serialization failure) from failures that would happen again with the same input.
 */
final class TransientFailures {

    /** SQLSTATE classes and codes PostgreSQL uses for conditions worth retrying. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "57014");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (TRANSIENT_CODES.contains(sql.getSQLState())
                    || TRANSIENT_CLASSES.contains(sql.getSQLState().substring(0, 2)))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
