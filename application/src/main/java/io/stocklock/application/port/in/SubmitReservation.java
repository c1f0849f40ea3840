package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationRequest;
import java.util.Objects;

/**
 * Takes a request in to be decided asynchronously: records it PENDING, hands it to the intake, and answers only once
 * the intake has it. If the intake does not take it in time, the request is recorded FAILED, so the answer and the
 * final state agree.
 */
public interface SubmitReservation {

    SubmitResult submit(SubmitReservationCommand command);

    record SubmitReservationCommand(ReservationRequest request) {
        public SubmitReservationCommand {
            Objects.requireNonNull(request, "request");
        }
    }

    sealed interface SubmitResult {

        Reservation reservation();

        /** Recorded and handed over; it will be decided. */
        record Accepted(Reservation reservation) implements SubmitResult {
        }

        /** The same request was decided before; nothing changed. */
        record AlreadyDecided(Reservation reservation) implements SubmitResult {
        }

        /** A different request has this id; nothing changed. */
        record Conflicting(Reservation reservation) implements SubmitResult {
        }

        /** The intake did not take it; the request is FAILED (unless it was decided meanwhile). */
        record Unavailable(Reservation reservation, String reason) implements SubmitResult {
        }
    }
}
