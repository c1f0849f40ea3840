package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Outcome events of reservations kept in an outbox: appending happens in the transaction of the transition it
 * reports, so an event exists if and only if its transition committed; publishing it happens afterwards. The Kafka
 * intake's decisions do not go through here: their events are published after the batch commits and again whenever
 * the request is delivered again (see {@code ProcessReservations}); the door's do.
 */
public interface OutcomeEvents {

    /** Appends events with their reservations' state; an event appended again (the same event id) is kept once. */
    void append(Collection<Outbox.PendingOutcome> events);

    /**
     * @param eventId unique per event, for consumers to drop duplicates
     * @param status  the status the reservation moved to, which names the event
     */
    record OutcomeEvent(UUID eventId, ReservationStatus status, ReservationId reservationId, Instant occurredAt,
                        Optional<String> reason) {

        public OutcomeEvent {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(reason, "reason");
            if (status == ReservationStatus.PENDING) {
                throw new IllegalArgumentException("no event reports a pending request");
            }
        }

        /** The event of the transition that just led to the reservation's status. */
        public static OutcomeEvent of(Reservation reservation, Instant occurredAt) {
            return new OutcomeEvent(UUID.randomUUID(), reservation.status(), reservation.id(), occurredAt,
                    reservation.reason());
        }

        /**
         * The event that reports how the request was decided, whatever happened to the reservation since: there is one
         * decision per reservation, so its event id is derived from the reservation's, and an event published again
         * is recognisably the same event. None for a request still pending, or one that failed (its event is in the
         * outbox).
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
            return Optional.of(new OutcomeEvent(eventId, decision, reservation.id(),
                    reservation.decidedAt().orElseThrow(),
                    decision == ReservationStatus.REJECTED ? reservation.reason() : Optional.empty()));
        }
    }
}
