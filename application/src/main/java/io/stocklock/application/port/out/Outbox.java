package io.stocklock.application.port.out;

import io.stocklock.application.port.out.OutcomeEvents.OutcomeEvent;
import io.stocklock.domain.location.Pick;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The events {@link OutcomeEvents} appended, waiting to be published. */
public interface Outbox {

    /**
     * Claims up to {@code limit} unpublished events, oldest first, that no other publisher has claimed within the
     * lease; nobody else claims them until the lease ends. No lock is held after this returns.
     */
    List<PendingOutcome> claim(int limit, Duration lease);

    void markPublished(Collection<UUID> eventIds);

    /** An event with what a consumer needs to know of its reservation. */
    /** @param picks where the reservation's units are held, once it is reserved */
    record PendingOutcome(OutcomeEvent event, String owner, List<ReservationLine> lines, List<Pick> picks,
                          Optional<Instant> expiresAt) {
        public PendingOutcome {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(owner, "owner");
            lines = List.copyOf(lines);
            picks = List.copyOf(picks);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        public static PendingOutcome of(OutcomeEvent event, Reservation reservation) {
            return new PendingOutcome(event, reservation.owner(), reservation.lines(), reservation.picks(),
                    reservation.expiresAt());
        }
    }
}
