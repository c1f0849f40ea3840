package io.stocklock.adapters.rest.reservation;

import io.stocklock.domain.reservation.Reservation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

record ReservationResponse(
        @Schema(format = "uuid") String id,
        @Schema(description = "the token subject that made it") String owner,
        String status,
        List<Line> lines,
        @Schema(nullable = true, description = "why it was rejected or failed") String reason,
        @Schema(format = "date-time") String createdAt,
        @Schema(nullable = true, format = "date-time") String decidedAt,
        @Schema(nullable = true, format = "date-time", description = "when the hold ends, while RESERVED")
        String expiresAt) {

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
