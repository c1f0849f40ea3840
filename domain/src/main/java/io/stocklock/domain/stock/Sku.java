package io.stocklock.domain.stock;

import io.stocklock.domain.RequestLimit;
import java.util.Objects;
import java.util.regex.Pattern;

/** A stock-keeping unit: the name of one thing that can be reserved. */
public record Sku(String value) implements Comparable<Sku> {

    public static final int MAX_LENGTH = (int) RequestLimit.SKU_LENGTH.max();
    private static final Pattern ALLOWED = Pattern.compile(RequestLimit.SKU_PATTERN);

    public Sku {
        Objects.requireNonNull(value, "sku must not be null");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("sku must be 1-" + MAX_LENGTH + " characters of letters, digits and"
                    + " . _ : - starting with a letter or digit, was '" + value + "'");
        }
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
