package io.stocklock.domain.ledger;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.Sku;
import java.util.List;
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

    /**
     * What the transition into the reservation's current status did to the stock, one movement per line: reserving
     * holds the units, confirming sells them (they leave the shelf and the hold), releasing and expiring give them
     * back. A reservation that is pending, rejected or failed moved no stock.
     */
    public static List<StockMovement> of(Reservation reservation) {
        return reservation.lines().stream().map(line -> {
            long quantity = line.quantity().value();
            return switch (reservation.status()) {
                case RESERVED -> forReservation(Kind.RESERVED, line.sku(), 0, quantity, reservation.id());
                case CONFIRMED -> forReservation(Kind.CONFIRMED, line.sku(), -quantity, -quantity, reservation.id());
                case RELEASED -> forReservation(Kind.RELEASED, line.sku(), 0, -quantity, reservation.id());
                case EXPIRED -> forReservation(Kind.EXPIRED, line.sku(), 0, -quantity, reservation.id());
                case PENDING, REJECTED, FAILED -> null;
            };
        }).filter(Objects::nonNull).toList();
    }

    public static StockMovement forReservation(Kind kind, Sku sku, long onHandDelta, long reservedDelta,
                                               ReservationId id) {
        return new StockMovement(sku, onHandDelta, reservedDelta, kind, Optional.of(id), "");
    }

    public static StockMovement ofStock(Kind kind, Sku sku, long onHandDelta, String note) {
        return new StockMovement(sku, onHandDelta, 0, kind, Optional.empty(), note);
    }
}
