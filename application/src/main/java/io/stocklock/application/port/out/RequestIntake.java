package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.ReservationRequest;

/** Hands a request over to be decided asynchronously. */
public interface RequestIntake {

    /**
     * Returns once the request is durably accepted for processing.
     *
     * @throws IntakeUnavailableException if it could not be accepted in time; it may still arrive later
     */
    void submit(ReservationRequest request);

    class IntakeUnavailableException extends RuntimeException {
        public IntakeUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
