package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.ReservationRequest;
import java.util.concurrent.CompletableFuture;

/** Hands a request over to be decided asynchronously. */
public interface RequestIntake {

    /**
     * Starts handing the request over; the caller's thread does not wait for it.
     *
     * @return completes once the request is durably accepted for processing, or exceptionally if it was not accepted
     *         in time (it may still arrive later); it completes either way within the intake's send timeout
     */
    CompletableFuture<Void> submit(ReservationRequest request);
}
