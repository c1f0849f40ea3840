package io.stocklock.domain.stock;

import io.stocklock.domain.RequestLimit;

/** A positive number of units. */
public record Quantity(long value) {

    /** Large enough for any real stock, small enough that sums of many lines cannot overflow a long. */
    public static final long MAX = RequestLimit.QUANTITY.max();

    public Quantity {
        if (value <= 0 || value > MAX) {
            throw new IllegalArgumentException("quantity must be between 1 and " + MAX + ", was " + value);
        }
    }

    public static Quantity of(long value) {
        return new Quantity(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
