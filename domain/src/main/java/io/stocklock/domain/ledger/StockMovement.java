package io.stocklock.domain.ledger;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the append-only stock ledger: what moved where, why, and for which reservation.
 * Summing the movements of a SKU at a location gives back its on-hand and reserved counts there.
 */
public record StockMovement(Sku sku, LocationId location, long onHandDelta, long reservedDelta, Kind kind,
                            Optional<ReservationId> reservationId, String note) {

    public StockMovement {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(note, "note");
    }

    /**
     * {@code CARRIED}: the sums of an older part of the ledger that an operator archived, carried over in one movement
     * per SKU and location (docs/operations.md, "The ledger's partitions").
     */
    public enum Kind { CREATED, ADJUSTED, SET, RESERVED, CONFIRMED, RELEASED, EXPIRED, CARRIED }

    /**
     * What the transition into the reservation's current status did to the stock, one movement per location that
     * serves a line: reserving holds the units, confirming sells them (they leave the shelf and the hold; backordered
     * units leave a shelf they have not reached yet), releasing and expiring give them back to the same location. A
     * reservation that is pending, rejected or failed moved no stock.
     */
    public static List<StockMovement> of(Reservation reservation) {
        return reservation.picks().stream().map(pick -> {
            long units = pick.units();
            Kind kind = switch (reservation.status()) {
                case RESERVED -> Kind.RESERVED;
                case CONFIRMED -> Kind.CONFIRMED;
                case RELEASED -> Kind.RELEASED;
                case EXPIRED -> Kind.EXPIRED;
                case PENDING, REJECTED, FAILED -> throw new IllegalStateException("a " + reservation.status()
                        + " reservation holds nothing");
            };
            return forReservation(kind, pick.sku(), pick.location(), kind == Kind.CONFIRMED ? -units : 0,
                    kind == Kind.RESERVED ? units : -units, reservation.id());
        }).toList();
    }

    public static StockMovement forReservation(Kind kind, Sku sku, LocationId location, long onHandDelta,
                                               long reservedDelta, ReservationId id) {
        return new StockMovement(sku, location, onHandDelta, reservedDelta, kind, Optional.of(id), "");
    }

    public static StockMovement ofStock(Kind kind, Sku sku, LocationId location, long onHandDelta, String note) {
        return new StockMovement(sku, location, onHandDelta, 0, kind, Optional.empty(), note);
    }
}
