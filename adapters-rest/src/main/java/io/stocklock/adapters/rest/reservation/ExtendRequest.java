package io.stocklock.adapters.rest.reservation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;

/** The body of {@code POST /reservations/{id}/extend}. */
record ExtendRequest(@Schema(description = "how long the hold lasts from now on", example = "600")
                     Long holdSeconds) {

    Duration lasting() {
        if (holdSeconds == null) {
            throw new IllegalArgumentException("holdSeconds is required");
        }
        return Duration.ofSeconds(holdSeconds);
    }
}
