package io.stocklock.domain.reservation;

import io.stocklock.domain.stock.Sku;
import java.util.Objects;

/** Units of one SKU that one owner holds at once, keyed by owner and SKU. */
public record Holding(String owner, Sku sku) {

    public Holding {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sku, "sku");
    }
}
