package io.stocklock.domain.sale;

import io.stocklock.domain.RequestLimit;
import java.util.Objects;
import java.util.regex.Pattern;

/** A named sale: a drop, a concert's tickets, a launch. Named by the same rule as a SKU. */
public record SaleId(String value) implements Comparable<SaleId> {

    private static final Pattern ALLOWED = Pattern.compile(RequestLimit.SKU_PATTERN);

    public SaleId {
        Objects.requireNonNull(value, "sale must not be null");
        if (value.isEmpty() || value.length() > RequestLimit.SKU_LENGTH.max() || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("sale must be 1-" + RequestLimit.SKU_LENGTH.max()
                    + " characters of letters, digits and . _ : - starting with a letter or digit, was '" + value
                    + "'");
        }
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
