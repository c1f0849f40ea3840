package io.stocklock.domain.reservation;

/**
 * {@code PENDING -> RESERVED | REJECTED | FAILED}; {@code RESERVED -> CONFIRMED | RELEASED | EXPIRED}.
 */
public enum ReservationStatus {
    PENDING, RESERVED, REJECTED, FAILED, CONFIRMED, RELEASED, EXPIRED;

    /** Whether the request has been decided (anything but PENDING). */
    public boolean isDecided() {
        return this != PENDING;
    }
}
