package io.stocklock.domain.reservation;

/**
 * {@code PENDING -> RESERVED | REJECTED | FAILED}; {@code RESERVED -> CONFIRMED | RELEASED | EXPIRED}.
 */
public enum ReservationStatus {
    PENDING, RESERVED, REJECTED, FAILED, CONFIRMED, RELEASED, EXPIRED;

    /**
     * The name of the outcome event that reports a transition into this status ({@code ReservationReserved}, ...);
     * nothing reports that a request is pending.
     */
    public String eventName() {
        if (this == PENDING) {
            throw new IllegalStateException("no event reports a pending request");
        }
        return "Reservation" + name().charAt(0) + name().substring(1).toLowerCase();
    }

    /** Whether the request has been decided (anything but PENDING). */
    public boolean isDecided() {
        return this != PENDING;
    }

    /** Whether the reservation holds stock, or held it once (it was reserved): it knows where its units are. */
    public boolean holdsOrHeld() {
        return this == RESERVED || this == CONFIRMED || this == RELEASED || this == EXPIRED;
    }
}
