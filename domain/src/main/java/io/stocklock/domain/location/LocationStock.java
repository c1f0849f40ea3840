package io.stocklock.domain.location;

import java.util.Objects;

/**
 * What one location has of one SKU. {@code 0 <= reserved <= onHand + backorderLimit} always holds: a location may
 * promise up to {@code backorderLimit} units it does not have yet, and no more.
 *
 * @param priority lower is served first when requests are served by location priority
 */
public record LocationStock(LocationId location, int priority, long onHand, long reserved, long backorderLimit) {

    public LocationStock {
        Objects.requireNonNull(location, "location");
        if (onHand < 0 || backorderLimit < 0 || reserved < 0 || reserved > onHand + backorderLimit) {
            throw new IllegalStateException("stock at " + location + " must keep 0 <= reserved <= onHand + "
                    + "backorderLimit, was reserved=" + reserved + " onHand=" + onHand + " backorderLimit="
                    + backorderLimit);
        }
    }

    /** Units on hand that nothing holds. */
    public long inStock() {
        return Math.max(0, onHand - reserved);
    }

    /** Units that may still be promised beyond what is in stock. */
    public long backorderable() {
        return Math.min(backorderLimit, onHand + backorderLimit - reserved);
    }

    /** The stock after {@code units} more are held; callers take at most {@code inStock() + backorderable()}. */
    public LocationStock take(long units) {
        return new LocationStock(location, priority, onHand, reserved + units, backorderLimit);
    }

    /** How many of {@code units} taken now would be promised beyond what is on hand. */
    public long backorderedBy(long units) {
        return Math.max(0, reserved + units - onHand) - Math.max(0, reserved - onHand);
    }
}
