package io.stocklock.adapters.rest.stock;

import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.reservation.ReservationId;
import io.swagger.v3.oas.annotations.media.Schema;

record MovementResponse(long sequence, @Schema(format = "date-time") String at, String kind,
                        @Schema(example = "default") String location, long onHandDelta,
                        long reservedDelta, @Schema(nullable = true, format = "uuid") String reservationId,
                        String note) {

    static MovementResponse from(LedgerEntry entry) {
        var movement = entry.movement();
        return new MovementResponse(entry.sequence(), entry.at().toString(), movement.kind().name(),
                movement.location().value(), movement.onHandDelta(), movement.reservedDelta(),
                movement.reservationId().map(ReservationId::toString).orElse(null), movement.note());
    }
}
