package io.stocklock.domain.sale;

import java.util.Objects;

/** What a decision needs of a sale: its name and how many units one buyer may get of it. */
public record SaleLimit(SaleId sale, long maxUnitsPerBuyer) {

    public SaleLimit {
        Objects.requireNonNull(sale, "sale");
        if (maxUnitsPerBuyer < 1) {
            throw new IllegalArgumentException("maxUnitsPerBuyer must be at least 1, was " + maxUnitsPerBuyer);
        }
    }
}
