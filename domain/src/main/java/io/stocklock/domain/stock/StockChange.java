package io.stocklock.domain.stock;

/** The outcome of changing the stock of a SKU at one location: either the new level or why it was refused. */
public sealed interface StockChange {

    /** The change was applied; {@code onHandDelta} is what moved (zero when nothing had to). */
    record Changed(StockLevel level, long onHandDelta) implements StockChange {
    }

    record Refused(RefusalCode code, String reason) implements StockChange {
    }

    enum RefusalCode {
        /** The new on-hand count would be lower than what reservations already hold. */
        BELOW_RESERVED,
        /** Compare-and-set: the count is no longer what the caller expected. */
        STALE_EXPECTATION,
        /** The delta does not fit. */
        OUT_OF_RANGE,
        /** The SKU is not kept at the location the change names. */
        NOT_KEPT_THERE
    }
}
