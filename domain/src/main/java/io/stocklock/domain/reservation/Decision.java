package io.stocklock.domain.reservation;

/** How one request of a batch was decided. Both are expected business results. */
public sealed interface Decision {

    ReservationRequest request();

    record Reserved(ReservationRequest request) implements Decision {
    }

    record Rejected(ReservationRequest request, RejectionCode code, String reason) implements Decision {
    }

    enum RejectionCode {
        /** Not enough available for at least one line. */
        INSUFFICIENT_STOCK,
        /** A line names a SKU that is not in the inventory. */
        UNKNOWN_SKU,
        /** The request, or the owner's holding with it, is beyond the deployment's {@link ReservationPolicy}. */
        OVER_LIMIT
    }
}
