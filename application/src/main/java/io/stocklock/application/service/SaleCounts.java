package io.stocklock.application.service;

import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.Sku;
import java.util.List;
import java.util.Map;

/**
 * What a reservation's stock movements change in what its owner got of each sale: a hold adds its units, a release or
 * an expiry takes them back, a confirmation keeps them (bought is got).
 */
final class SaleCounts {

    private SaleCounts() {
    }

    static void add(Map<SaleBuyer, Long> counts, Map<Sku, SaleLimit> sales, Reservation reservation,
                    List<StockMovement> movements) {
        for (StockMovement movement : movements) {
            SaleLimit sale = sales.get(movement.sku());
            if (sale != null && movement.onHandDelta() == 0 && movement.reservedDelta() != 0) {
                counts.merge(new SaleBuyer(sale.sale(), reservation.owner()), movement.reservedDelta(), Long::sum);
            }
        }
    }
}
