package io.stocklock.domain.reservation;

import io.stocklock.domain.location.Pick;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an outcome event reports: the reservation's move into {@code status}, with all a consumer needs to know of it,
 * so that publishing the event reads nothing else.
 *
 * @param eventId unique per event, for consumers to drop duplicates
 * @param status  the status the reservation moved to, which names the event
 * @param picks   where the reservation's units are held, once it is reserved
 */
public record OutcomeEvent(UUID eventId, ReservationStatus status, ReservationId reservationId, String owner,
                           List<ReservationLine> lines, List<Pick> picks, Instant occurredAt,
                           Optional<Instant> expiresAt, Optional<String> reason, Optional<RejectionCode> rejection) {

    public OutcomeEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(owner, "owner");
        lines = List.copyOf(lines);
        picks = List.copyOf(picks);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rejection, "rejection");
        if (status == ReservationStatus.PENDING) {
            throw new IllegalArgumentException("no event reports a pending request");
        }
    }

    /** The event of the transition that just led to the reservation's status. */
    public static OutcomeEvent of(Reservation reservation, Instant occurredAt) {
        return new OutcomeEvent(UUID.randomUUID(), reservation.status(), reservation.id(), reservation.owner(),
                reservation.lines(), reservation.picks(), occurredAt, reservation.expiresAt(), reservation.reason(),
                reservation.rejection());
    }

    /**
     * The event that reports how the request was decided, whatever happened to the reservation since: there is one
     * decision per reservation, so its event id is derived from the reservation's, and an event published again is
     * recognisably the same event. None for a request still pending, or one that failed (its event is in the outbox).
     */
    public static Optional<OutcomeEvent> decisionOf(Reservation reservation) {
        ReservationStatus decision = switch (reservation.status()) {
            case PENDING, FAILED -> null;
            case REJECTED -> ReservationStatus.REJECTED;
            case RESERVED, CONFIRMED, RELEASED, EXPIRED -> ReservationStatus.RESERVED;
        };
        if (decision == null) {
            return Optional.empty();
        }
        UUID eventId = UUID.nameUUIDFromBytes(("stocklock decision of " + reservation.id())
                .getBytes(StandardCharsets.UTF_8));
        return Optional.of(new OutcomeEvent(eventId, decision, reservation.id(), reservation.owner(),
                reservation.lines(), reservation.picks(), reservation.decidedAt().orElseThrow(),
                reservation.expiresAt(), reservation.reason(), reservation.rejection()));
    }
}
