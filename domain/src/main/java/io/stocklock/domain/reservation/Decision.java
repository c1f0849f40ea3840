package io.stocklock.domain.reservation;

import io.stocklock.domain.location.Pick;
import java.util.List;

/** How one request of a batch was decided. Both are expected business results. */
public sealed interface Decision {

    ReservationRequest request();

    /** @param picks where each line's units are held, with how many of them are backordered */
    record Reserved(ReservationRequest request, List<Pick> picks) implements Decision {

        public Reserved {
            picks = List.copyOf(picks);
        }
    }

    record Rejected(ReservationRequest request, RejectionCode code, String reason) implements Decision {
    }

    enum RejectionCode {
        /** Not enough available for at least one line, at the locations its placement allows. */
        INSUFFICIENT_STOCK,
        /** A line names a SKU that is not in the inventory. */
        UNKNOWN_SKU,
        /** The request, or the owner's holding with it, is beyond the deployment's {@link ReservationPolicy}. */
        OVER_LIMIT
    }
}
