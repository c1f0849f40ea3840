package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.ReservationId;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Outcome events of reservations. Appending happens in the transaction of the decision it reports, so an
 * event exists if and only if its decision committed; publishing it happens afterwards.
 */
public interface OutcomeEvents {

    void append(Collection<OutcomeEvent> events);

    /** @param eventId unique per event, for consumers to drop duplicates */
    record OutcomeEvent(UUID eventId, Type type, ReservationId reservationId, Instant occurredAt,
                        Optional<String> reason) {

        public OutcomeEvent {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(reason, "reason");
        }

        public static OutcomeEvent of(Type type, ReservationId reservationId, Instant occurredAt,
                                      Optional<String> reason) {
            return new OutcomeEvent(UUID.randomUUID(), type, reservationId, occurredAt, reason);
        }
    }

    enum Type {
        RESERVED("ReservationReserved"),
        REJECTED("ReservationRejected"),
        FAILED("ReservationFailed"),
        CONFIRMED("ReservationConfirmed"),
        RELEASED("ReservationReleased"),
        EXPIRED("ReservationExpired");

        private final String eventName;

        Type(String eventName) {
            this.eventName = eventName;
        }

        public String eventName() {
            return eventName;
        }
    }
}
