package io.stocklock.application.port.out;

import io.stocklock.domain.reservation.ReservationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a client's idempotency key stood for, and the answer it got, kept for a while. */
public interface IdempotencyRecords {

    /**
     * Claims {@code key} of {@code caller} for a request; a record older than {@code retention} no longer counts.
     *
     * @return empty if this call claimed the key, otherwise the record of whoever did
     */
    Optional<IdempotencyRecord> claim(String caller, String key, String fingerprint, ReservationId reservationId,
                                      Instant now, Duration retention);

    /** Stores the answer given, so a retry with the same key gets it again. */
    void complete(String caller, String key, StoredResponse response);

    record IdempotencyRecord(String fingerprint, ReservationId reservationId, Instant createdAt,
                             Optional<StoredResponse> response) {
        public IdempotencyRecord {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(response, "response");
        }
    }

    record StoredResponse(int status, String body) {
    }
}
