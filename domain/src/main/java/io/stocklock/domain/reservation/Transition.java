package io.stocklock.domain.reservation;

/** The outcome of asking a reservation to confirm, release, expire or extend its hold. */
public sealed interface Transition {

    Reservation current();

    /** The reservation moved from {@code before} to {@code current}. */
    record Changed(Reservation before, Reservation current) implements Transition {
    }

    /** The reservation already is where the caller wanted it; asking again is harmless. */
    record Unchanged(Reservation current) implements Transition {
    }

    record Refused(Reservation current, RefusalCode code, String reason) implements Transition {
    }

    enum RefusalCode {
        NOT_YET_DECIDED, NOT_RESERVED, HOLD_EXPIRED, ALREADY_CONFIRMED, ALREADY_RELEASED, NOT_DUE,
        /** A hold may not be extended beyond the deployment's cap on a whole hold. */
        HOLD_CAP_REACHED
    }
}
