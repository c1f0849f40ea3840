package io.stocklock.domain.ledger;

import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.Sku;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the append-only stock ledger: what moved, why, and for which reservation.
 * Summing a SKU's movements gives back its on-hand and reserved counts.
 */
public record StockMovement(Sku sku, long onHandDelta, long reservedDelta, Kind kind,
                            Optional<ReservationId> reservationId, String note) {

    public StockMovement {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(note, "note");
    }

    public enum Kind { CREATED, ADJUSTED, SET, RESERVED, CONFIRMED, RELEASED, EXPIRED }

    public static StockMovement forReservation(Kind kind, Sku sku, long onHandDelta, long reservedDelta,
                                               ReservationId id) {
        return new StockMovement(sku, onHandDelta, reservedDelta, kind, Optional.of(id), "");
    }

    public static StockMovement ofStock(Kind kind, Sku sku, long onHandDelta, String note) {
        return new StockMovement(sku, onHandDelta, 0, kind, Optional.empty(), note);
    }
}
