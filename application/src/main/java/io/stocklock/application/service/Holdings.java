package io.stocklock.application.service;

import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Holding;
import io.stocklock.domain.reservation.Reservation;
import java.util.List;
import java.util.Map;

/** What a reservation's stock movements change in its owner's holdings: their reserved units, per SKU. */
final class Holdings {

    private Holdings() {
    }

    static void add(Map<Holding, Long> holdings, Reservation reservation, List<StockMovement> movements) {
        for (StockMovement movement : movements) {
            if (movement.reservedDelta() != 0) {
                holdings.merge(new Holding(reservation.owner(), movement.sku()), movement.reservedDelta(), Long::sum);
            }
        }
    }
}
