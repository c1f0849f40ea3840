package io.stocklock.adapters.persistence;

import io.stocklock.application.failure.FailureClassifier;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The failures of PostgreSQL and its connections that go away by themselves: the database restarting, a lost
 * connection, a lock or statement timeout, a deadlock or serialization failure, a transaction that could not begin,
 * commit or roll back.
 */
public class DatabaseFailures implements FailureClassifier {

    /** SQLSTATE classes and codes PostgreSQL uses for conditions worth retrying. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "57014");

    @Override
    public boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransactionException // begin, commit or rollback failed: the connection
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof IOException) {
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

    /** PostgreSQL always says what went wrong; no SQLSTATE means the connection itself failed (pool, network). */
    private static boolean isTransient(String sqlState) {
        return sqlState == null || TRANSIENT_CODES.contains(sqlState)
                || TRANSIENT_CLASSES.contains(sqlState.substring(0, Math.min(2, sqlState.length())));
    }
}
