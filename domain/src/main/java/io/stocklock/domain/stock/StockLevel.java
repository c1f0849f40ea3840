package io.stocklock.domain.stock;

import java.util.Objects;

/**
 * What is on hand for one SKU and how much of it is held by reservations.
 * {@code 0 <= reserved <= onHand} always holds; {@code available = onHand - reserved}.
 */
public record StockLevel(Sku sku, long onHand, long reserved) {

    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        if (reserved < 0 || reserved > onHand) {
            throw new IllegalStateException("stock of " + sku + " must keep 0 <= reserved <= onHand, was reserved="
                    + reserved + " onHand=" + onHand);
        }
    }

    public static StockLevel create(Sku sku, long onHand) {
        if (onHand < 0) {
            throw new IllegalArgumentException("on-hand quantity must not be negative, was " + onHand);
        }
        return new StockLevel(sku, onHand, 0);
    }

    public long available() {
        return onHand - reserved;
    }

    public boolean canReserve(long quantity) {
        return quantity <= available();
    }

    /** Holds units for a reservation. Callers check {@link #canReserve} first; asking for more is a bug. */
    public StockLevel reserve(long quantity) {
        return new StockLevel(sku, onHand, reserved + quantity);
    }

    /** The level after a reservation's movement of the ledger ({@code StockMovement.of}). */
    public StockLevel move(long onHandDelta, long reservedDelta) {
        return new StockLevel(sku, onHand + onHandDelta, reserved + reservedDelta);
    }

    /** Restock (positive delta) or write-off (negative delta); never below what is reserved. */
    public StockChange adjust(long delta) {
        long target;
        try {
            target = Math.addExact(onHand, delta);
        } catch (ArithmeticException overflow) {
            return new StockChange.Refused(StockChange.RefusalCode.OUT_OF_RANGE,
                    "adjusting " + sku + " by " + delta + " overflows");
        }
        return setTo(target);
    }

    /** Sets the on-hand count if it still is what the caller last saw (compare-and-set). */
    public StockChange setOnHand(long expectedOnHand, long newOnHand) {
        if (expectedOnHand != onHand) {
            return new StockChange.Refused(StockChange.RefusalCode.STALE_EXPECTATION,
                    "on-hand of " + sku + " is " + onHand + ", not the expected " + expectedOnHand);
        }
        return setTo(newOnHand);
    }

    private StockChange setTo(long newOnHand) {
        if (newOnHand < reserved) {
            return new StockChange.Refused(StockChange.RefusalCode.BELOW_RESERVED,
                    "on-hand of " + sku + " cannot go to " + newOnHand + ": " + reserved + " are reserved");
        }
        return new StockChange.Changed(new StockLevel(sku, newOnHand, reserved), newOnHand - onHand);
    }
}
