package io.stocklock.domain.stock;

import java.util.Objects;

/**
 * What one location has of one SKU and how much of it reservations hold. A location may promise up to
 * {@code backorderLimit} units it does not have yet, and no more: {@code 0 <= reserved <= onHand + backorderLimit}
 * always holds (with no backorder limit, {@code reserved <= onHand}); on hand goes below zero only when backordered
 * units are sold before they arrive.
 *
 * @param priority the priority of the location (lower is served first), as it was when the level was read
 * @param version  how many times on-hand changed: what a compare-and-set of on-hand compares (an ETag), so a change
 *                 and its undoing (A to B to A) do not look like no change; reservations leave it as it is
 */
public record StockLevel(Sku sku, LocationId location, int priority, long onHand, long reserved, long backorderLimit,
                         long version) {

    /** A level at the default location whose on-hand never changed since it was created. */
    public StockLevel(Sku sku, long onHand, long reserved) {
        this(sku, onHand, reserved, 0);
    }

    /** A level at the default location, without backorders. */
    public StockLevel(Sku sku, long onHand, long reserved, long version) {
        this(sku, LocationId.DEFAULT, 0, onHand, reserved, 0, version);
    }

    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(location, "location");
        if (backorderLimit < 0 || reserved < 0 || reserved > onHand + backorderLimit) {
            throw new IllegalStateException("stock of " + sku + " at " + location + " must keep 0 <= reserved <= "
                    + "onHand + backorderLimit, was reserved=" + reserved + " onHand=" + onHand + " backorderLimit="
                    + backorderLimit);
        }
    }

    public static StockLevel create(Sku sku, long onHand) {
        return create(sku, LocationId.DEFAULT, onHand, 0);
    }

    public static StockLevel create(Sku sku, LocationId location, long onHand, long backorderLimit) {
        if (onHand < 0) {
            throw new IllegalArgumentException("on-hand quantity must not be negative, was " + onHand);
        }
        if (backorderLimit < 0) {
            throw new IllegalArgumentException("backorder limit must not be negative, was " + backorderLimit);
        }
        return new StockLevel(sku, location, 0, onHand, 0, backorderLimit, 0);
    }

    /** Units on hand that nothing holds. */
    public long available() {
        return Math.max(0, onHand - reserved);
    }

    /** Units held beyond what is on hand: promised to buyers under a backorder, not yet delivered. */
    public long backordered() {
        return Math.max(0, reserved - onHand);
    }

    /** Units that may still be promised beyond what is in stock. */
    public long backorderable() {
        return onHand + backorderLimit - reserved - available();
    }

    /** Holds units; callers take at most {@code available() + backorderable()}, more is a bug. */
    public StockLevel reserve(long quantity) {
        return new StockLevel(sku, location, priority, onHand, reserved + quantity, backorderLimit, version);
    }

    /** How many of {@code units} held now would be promised beyond what is on hand. */
    public long backorderedBy(long units) {
        return reserve(units).backordered() - backordered();
    }

    /** The level after a reservation's movement of the ledger ({@code StockMovement.of}). */
    public StockLevel move(long onHandDelta, long reservedDelta) {
        return new StockLevel(sku, location, priority, onHand + onHandDelta, reserved + reservedDelta, backorderLimit,
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

    /** Sets how many units this location may promise beyond what it has; never below what it promised already. */
    public StockChange limitBackorders(long newLimit) {
        if (newLimit < 0) {
            throw new IllegalArgumentException("backorder limit must not be negative, was " + newLimit);
        }
        if (reserved > onHand + newLimit) {
            return new StockChange.Refused(StockChange.RefusalCode.BELOW_RESERVED, "the backorder limit of " + sku
                    + " at " + location + " cannot go to " + newLimit + ": " + backordered()
                    + " are backordered");
        }
        return new StockChange.Changed(new StockLevel(sku, location, priority, onHand, reserved, newLimit, version), 0);
    }

    private StockChange setTo(long newOnHand) {
        if (newOnHand + backorderLimit < reserved) {
            return new StockChange.Refused(StockChange.RefusalCode.BELOW_RESERVED,
                    "on-hand of " + sku + " cannot go to " + newOnHand + ": " + reserved + " are reserved"
                            + (backorderLimit > 0 ? " with a backorder limit of " + backorderLimit : ""));
        }
        // below zero only by selling backordered units: a count or a write-off cannot take it there
        if (newOnHand < 0 && newOnHand < onHand) {
            return new StockChange.Refused(StockChange.RefusalCode.OUT_OF_RANGE,
                    "on-hand of " + sku + " cannot be taken below zero, to " + newOnHand);
        }
        return new StockChange.Changed(new StockLevel(sku, location, priority, newOnHand, reserved, backorderLimit,
                newOnHand == onHand ? version : version + 1), newOnHand - onHand);
    }
}
