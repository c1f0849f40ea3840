package io.stocklock.domain.reservation;

/**
 * Why a request was rejected: the one code every adapter maps to what it says (an HTTP problem type, the outcome
 * event's {@code rejection}, the stored reservation's), each with a table of its own.
 */
public enum RejectionCode {
    /** Not enough available for at least one line, at the locations its placement allows (or sold out). */
    INSUFFICIENT_STOCK,
    /** A line names a SKU that is not in the inventory. */
    UNKNOWN_SKU,
    /** The request, or the owner's holding with it, is beyond the deployment's {@link ReservationPolicy}. */
    OVER_LIMIT,
    /** The owner would get more of a {@linkplain io.stocklock.domain.sale.Sale sale} than one buyer may. */
    SALE_LIMIT
}
