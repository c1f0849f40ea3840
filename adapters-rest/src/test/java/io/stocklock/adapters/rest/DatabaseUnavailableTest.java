package io.stocklock.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.failure.FailureClassifier;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;

class DatabaseUnavailableTest {

    private final FailureClassifier failures = QueryTimeoutException.class::isInstance;
    private final ProblemAdvice advice = new ProblemAdvice(failures);

    @Test
    void aFailureTheStoreCallsTransientIsA503ToRetry() {
        var response = advice.unexpected(new QueryTimeoutException("statement timeout"));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getBody().getType().toString())
                .isEqualTo("https://stocklock.io/problems/database-unavailable");
    }

    @Test
    void anyOtherFailureIsA500() {
        var response = advice.unexpected(new IllegalStateException("a bug"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().getType().toString()).isEqualTo("https://stocklock.io/problems/internal");
    }
}
