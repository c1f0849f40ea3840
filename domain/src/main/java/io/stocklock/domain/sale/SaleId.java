package io.stocklock.domain.sale;

import io.stocklock.domain.RequestLimit;

/** A named sale: a drop, a concert's tickets, a launch. Named by the same rule as a SKU. */
public record SaleId(String value) implements Comparable<SaleId> {

    public SaleId {
        RequestLimit.requireName("sale", value);
    }

    public static SaleId of(String value) {
        return new SaleId(value);
    }

    @Override
    public int compareTo(SaleId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
