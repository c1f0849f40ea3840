package io.stocklock.application.port.out;

import io.stocklock.application.port.out.OutcomeEvents.OutcomeEvent;
import io.stocklock.domain.location.Pick;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The events {@link OutcomeEvents} appended and not published yet: an event leaves the outbox when it is published.
 */
public interface Outbox {

    /**
     * Locks up to {@code limit} events, oldest first, skipping those another transaction holds (another publisher's),
     * until the caller's transaction ends. Only inside a transaction.
     */
    List<PendingOutcome> lockUnpublished(int limit);

    /** Takes published events out of the outbox; in the transaction that locked them. */
    void markPublished(Collection<UUID> eventIds);

    /**
     * An event with what a consumer needs to know of its reservation, stored with the event: publishing it reads
     * nothing else.
     *
     * @param picks where the reservation's units are held, once it is reserved
     */
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
