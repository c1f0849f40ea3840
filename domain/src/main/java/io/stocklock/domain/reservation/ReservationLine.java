package io.stocklock.domain.reservation;

import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.util.Objects;

/** One SKU and how many of it a reservation asks for. */
public record ReservationLine(Sku sku, Quantity quantity) {

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
    }

    public static ReservationLine of(String sku, long quantity) {
        return new ReservationLine(Sku.of(sku), Quantity.of(quantity));
    }
}
