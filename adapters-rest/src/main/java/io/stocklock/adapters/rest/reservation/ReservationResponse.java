package io.stocklock.adapters.rest.reservation;

import io.stocklock.domain.reservation.Reservation;
import java.time.Instant;
import java.util.List;

record ReservationResponse(String id, String owner, String status, List<Line> lines, String reason,
                           String createdAt, String decidedAt, String expiresAt) {

    record Line(String sku, long quantity) {
    }

    static ReservationResponse from(Reservation reservation) {
        return new ReservationResponse(reservation.id().toString(), reservation.owner(), reservation.status().name(),
                reservation.lines().stream().map(line -> new Line(line.sku().value(), line.quantity().value()))
                        .toList(),
                reservation.reason().orElse(null), reservation.createdAt().toString(),
                reservation.decidedAt().map(Instant::toString).orElse(null),
                reservation.expiresAt().map(Instant::toString).orElse(null));
    }
}
