package io.stocklock.adapters.rest.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.adapters.rest.RestSettings;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome;
import io.stocklock.domain.reservation.ReservationId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A request whose commit is in doubt is answered "retry with the same key", never "not taken". */
class InDoubtAnswerTest {

    @Test
    void aRequestInDoubtIsA503DatabaseUnavailableThatSaysToRetryWithTheSameKey() throws Exception {
        ReservationId id = ReservationId.generate();
        var controller = new SubmitController(command -> CompletableFuture.completedFuture(
                new SubmitOutcome.InDoubt(id)), new RestSettings(Duration.ofMinutes(15), Duration.ofSeconds(30),
                1000, 1, null));

        ResponseEntity<Object> response = controller.submit(new SubmitRequest(List.of(
                        new SubmitRequest.LineRequest("A", 1L, null)), null, null), "k", "wait=5", () -> "alice")
                .get();

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getType().toString()).isEqualTo("https://stocklock.io/problems/database-unavailable");
        assertThat(problem.getDetail()).contains(id.toString()).contains("may or may not have been taken")
                .contains("same Idempotency-Key");
    }
}
