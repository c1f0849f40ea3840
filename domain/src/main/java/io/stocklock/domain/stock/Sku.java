package io.stocklock.domain.stock;

import io.stocklock.domain.RequestLimit;

/** A stock-keeping unit: the name of one thing that can be reserved. */
public record Sku(String value) implements Comparable<Sku> {

    public static final int MAX_LENGTH = (int) RequestLimit.SKU_LENGTH.max();

    public Sku {
        RequestLimit.requireName("sku", value);
    }

    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
