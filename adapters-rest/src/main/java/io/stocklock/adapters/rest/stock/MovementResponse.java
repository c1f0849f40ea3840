package io.stocklock.adapters.rest.stock;

import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.reservation.ReservationId;

record MovementResponse(long sequence, String at, String kind, long onHandDelta, long reservedDelta,
                        String reservationId, String note) {

    static MovementResponse from(LedgerEntry entry) {
        var movement = entry.movement();
        return new MovementResponse(entry.sequence(), entry.at().toString(), movement.kind().name(),
                movement.onHandDelta(), movement.reservedDelta(),
                movement.reservationId().map(ReservationId::toString).orElse(null), movement.note());
    }
}
