package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseFailuresTest {

    private final DatabaseFailures failures = new DatabaseFailures();

    @Test
    void databaseOutagesAndLockConflictsAreTransient() {
        assertThat(failures.isTransient(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(failures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(failures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(failures.isTransient(new SQLException("lock timeout", "55P03"))).isTrue();
        assertThat(failures.isTransient(new SQLException("statement timeout", "57014"))).isTrue();
        assertThat(failures.isTransient(new SQLException("the pool gave up"))).isTrue();
        assertThat(failures.isTransient(new TransactionSystemException("rollback failed"))).isTrue();
        assertThat(failures.isTransient(new IllegalStateException("wrapped",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void whatWouldFailAgainWithTheSameInputIsNot() {
        assertThat(failures.isTransient(new DataIntegrityViolationException("check violated",
                new SQLException("new row violates check constraint", "23514")))).isFalse();
        assertThat(failures.isTransient(new IllegalArgumentException("quantity must be positive"))).isFalse();
    }
}
