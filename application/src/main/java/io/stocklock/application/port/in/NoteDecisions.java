package io.stocklock.application.port.in;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decisions taken by another instance, as their outcome events report them: clients of this instance that wait for
 * one of them get their answer. (Decisions this instance takes reach its waiting clients directly.)
 */
public interface NoteDecisions {

    /** Whether a client of this instance waits for this reservation's decision, so its event is worth reading. */
    boolean isAwaited(ReservationId id);

    void decided(DecisionNotice notice);

    /** @param picks where the units of a reserved request are held */
    record DecisionNotice(ReservationId id, ReservationStatus status, Optional<String> reason, Instant decidedAt,
                          List<Pick> picks) {
        public DecisionNotice {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(decidedAt, "decidedAt");
            picks = List.copyOf(picks);
        }
    }
}
