package io.stocklock.domain.stock;

import java.util.Objects;

/**
 * What is on hand for one SKU and how much of it is held by reservations.
 * {@code 0 <= reserved <= onHand} always holds; {@code available = onHand - reserved}.
 *
 * @param version how many times on-hand changed: what a compare-and-set of on-hand compares (an ETag), so a change
 *                and its undoing (A to B to A) do not look like no change; reservations leave it as it is
 */
public record StockLevel(Sku sku, long onHand, long reserved, long version) {

    /** A level whose on-hand never changed since it was created. */
    public StockLevel(Sku sku, long onHand, long reserved) {
        this(sku, onHand, reserved, 0);
    }

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
        return new StockLevel(sku, onHand, reserved + quantity, version);
    }

    /** The level after a reservation's movement of the ledger ({@code StockMovement.of}). */
    public StockLevel move(long onHandDelta, long reservedDelta) {
        return new StockLevel(sku, onHand + onHandDelta, reserved + reservedDelta,
                onHandDelta == 0 ? version : version + 1);
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

    /** Sets the on-hand count if it did not change since the caller read {@code expectedVersion} (compare-and-set). */
    public StockChange setOnHand(long expectedVersion, long newOnHand) {
        if (expectedVersion != version) {
            return new StockChange.Refused(StockChange.RefusalCode.STALE_EXPECTATION,
                    "on-hand of " + sku + " changed since version " + expectedVersion + "; it is version " + version);
        }
        return setTo(newOnHand);
    }

    private StockChange setTo(long newOnHand) {
        if (newOnHand < reserved) {
            return new StockChange.Refused(StockChange.RefusalCode.BELOW_RESERVED,
                    "on-hand of " + sku + " cannot go to " + newOnHand + ": " + reserved + " are reserved");
        }
        return new StockChange.Changed(new StockLevel(sku, newOnHand, reserved,
                newOnHand == onHand ? version : version + 1), newOnHand - onHand);
    }
}
