package io.stocklock.domain.stock;

import io.stocklock.domain.RequestLimit;

/** Where stock is kept: a warehouse, a store, a venue section. Named by the same rule as a SKU. */
public record LocationId(String value) implements Comparable<LocationId> {

    /** The one location of a SKU whose stock was never split: what a client that names no location uses. */
    public static final LocationId DEFAULT = new LocationId("default");

    public LocationId {
        RequestLimit.requireName("location", value);
    }

    public static LocationId of(String value) {
        return new LocationId(value);
    }

    @Override
    public int compareTo(LocationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
