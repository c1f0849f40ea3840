package io.stocklock.adapters.rest.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome;
import io.stocklock.domain.reservation.ReservationId;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A request whose commit is in doubt is answered "retry with the same key", never "not taken". */
class InDoubtAnswerTest {

    @Test
    void aRequestInDoubtIsA503DatabaseUnavailableThatSaysToRetryWithTheSameKey() {
        ReservationId id = ReservationId.generate();
        ResponseEntity<Object> response = SubmitController.answer(new SubmitOutcome.InDoubt(id));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getType().toString()).isEqualTo("https://stocklock.io/problems/database-unavailable");
        assertThat(problem.getDetail()).contains(id.toString()).contains("may or may not have been taken")
                .contains("same Idempotency-Key");
    }
}
