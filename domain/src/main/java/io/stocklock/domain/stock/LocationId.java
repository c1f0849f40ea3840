package io.stocklock.domain.stock;

import io.stocklock.domain.RequestLimit;
import java.util.Objects;
import java.util.regex.Pattern;

/** Where stock is kept: a warehouse, a store, a venue section. Named by the same rule as a SKU. */
public record LocationId(String value) implements Comparable<LocationId> {

    private static final Pattern ALLOWED = Pattern.compile(RequestLimit.SKU_PATTERN);

    /** The one location of a SKU whose stock was never split: what a client that names no location uses. */
    public static final LocationId DEFAULT = new LocationId("default");

    public LocationId {
        Objects.requireNonNull(value, "location must not be null");
        if (value.isEmpty() || value.length() > RequestLimit.SKU_LENGTH.max() || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("location must be 1-" + RequestLimit.SKU_LENGTH.max()
                    + " characters of letters, digits and . _ : - starting with a letter or digit, was '" + value
                    + "'");
        }
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
