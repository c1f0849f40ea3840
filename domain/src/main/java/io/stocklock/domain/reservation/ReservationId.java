package io.stocklock.domain.reservation;

import java.util.Objects;
import java.util.UUID;

/** Identifies one reservation request; supplied by the client or generated. It is what makes processing idempotent. */
public record ReservationId(UUID value) implements Comparable<ReservationId> {

    public ReservationId {
        Objects.requireNonNull(value, "reservation id must not be null");
    }

    public static ReservationId generate() {
        return new ReservationId(UUID.randomUUID());
    }

    public static ReservationId parse(String text) {
        try {
            return new ReservationId(UUID.fromString(Objects.requireNonNull(text, "reservation id must not be null")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reservation id must be a UUID, was '" + text + "'", e);
        }
    }

    /** Orders ids the way PostgreSQL orders {@code uuid} values, so locks are taken in one global order. */
    @Override
    public int compareTo(ReservationId other) {
        return value.toString().compareTo(other.value.toString());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
