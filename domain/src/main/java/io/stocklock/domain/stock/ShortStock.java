package io.stocklock.domain.stock;

/** What a SKU does with a line it cannot serve in full from stock. */
public enum ShortStock {
    /** The request is rejected. */
    REJECT,
    /** Up to each location's backorder limit is promised beyond what is on hand; the answer says how much. */
    BACKORDER,
    /** The line gets what is in stock, if that is at least the minimum it names; the answer says what it got. */
    PARTIAL;

    /** The policy with exactly this name, as the contracts spell it. */
    public static ShortStock named(String name) {
        return Names.of(ShortStock.class, "short-stock policy", name);
    }
}
