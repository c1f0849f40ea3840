package io.stocklock.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTest {

    private final ProblemAdvice advice = new ProblemAdvice();

    @Test
    void anUnreachableDatabaseIsA503ToRetryNotA500() {
        for (Exception failure : new Exception[] {new DataAccessResourceFailureException("connection refused"),
                new QueryTimeoutException("statement timeout"), new TransactionSystemException("rollback failed")}) {
            var response = advice.databaseUnavailable(failure);

            assertThat(response.getStatusCode().value()).as(failure.toString()).isEqualTo(503);
            assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(response.getBody().getType().toString())
                    .isEqualTo("https://stocklock.io/problems/database-unavailable");
        }
    }
}
