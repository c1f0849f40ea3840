package io.stocklock.application.port.in;

import io.stocklock.domain.RequestLimit;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a request in, with the idempotency protocol of a client that may retry: a caller who waits gets the decision,
 * taken at once; any other request is recorded PENDING, answered once that is committed, and handed to the intake to
 * be decided by its consumers (one the intake does not take stays PENDING, and is handed over again later).
 *
 * <p>An idempotency key names the reservation: one caller's key always stands for the same reservation id, so the
 * reservation row itself remembers the key, and a retry can never reserve twice. The id is a keyed hash of caller
 * and key under a secret of the service, so nobody who does not know the caller's key can tell the id. The answer
 * completes on another thread; the calling thread never waits for the database or the broker.
 */
public interface SubmitReservation {

    CompletableFuture<SubmitOutcome> submit(SubmitReservationCommand command);

    /**
     * @param caller         who asks; owns the reservation
     * @param idempotencyKey the client's key for this request, if it sent one
     * @param waitAtMost     how long to wait for the decision before answering; zero answers once it is accepted
     */
    /** @param placement which locations may serve it; the deployment's default placement when empty */
    record SubmitReservationCommand(String caller, Optional<String> idempotencyKey, List<ReservationLine> lines,
                                    Duration holdFor, Optional<Placement> placement, Duration waitAtMost) {

        public static final int MAX_KEY_LENGTH = (int) RequestLimit.IDEMPOTENCY_KEY_LENGTH.max();

        public SubmitReservationCommand {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            idempotencyKey.filter(key -> key.isBlank() || key.length() > MAX_KEY_LENGTH).ifPresent(key -> {
                throw new IllegalArgumentException("Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " characters");
            });
            lines = List.copyOf(lines);
            Objects.requireNonNull(holdFor, "holdFor");
            Objects.requireNonNull(placement, "placement");
            Objects.requireNonNull(waitAtMost, "waitAtMost");
            if (waitAtMost.isNegative()) {
                throw new IllegalArgumentException("waitAtMost must not be negative");
            }
        }

        /** A request served by the deployment's default placement. */
        public SubmitReservationCommand(String caller, Optional<String> idempotencyKey, List<ReservationLine> lines,
                                        Duration holdFor, Duration waitAtMost) {
            this(caller, idempotencyKey, lines, holdFor, Optional.empty(), waitAtMost);
        }
    }

    sealed interface SubmitOutcome {

        /** Recorded PENDING; it will be decided. */
        record Accepted(Reservation reservation) implements SubmitOutcome {
        }

        /** Decided while the caller waited. */
        record Decided(Reservation reservation) implements SubmitOutcome {
        }

        /** The same key and request were submitted before; this is the reservation as it stands now. */
        record Replayed(Reservation reservation) implements SubmitOutcome {
        }

        /** The request asks for more than one request may ({@code ReservationPolicy}); nothing was recorded. */
        record Refused(String reason) implements SubmitOutcome {
        }

        /** The key was used for a different request; nothing changed. */
        record KeyReused(ReservationId id) implements SubmitOutcome {
        }

        /** The first request with this key is not answered yet; nothing changed. */
        record InFlight(ReservationId id) implements SubmitOutcome {
        }

        /** Not taken, and nothing was recorded: the door is full or stopping, or the database did not record it. */
        record Unavailable(String reason) implements SubmitOutcome {
        }

        /**
         * The database stopped answering during the request's transaction and could not be asked afterwards, so it
         * may or may not have been taken: sent again with the same key, it gets the decision that was committed, or a
         * fresh one if none was.
         */
        record InDoubt(ReservationId id) implements SubmitOutcome {
        }
    }
}
