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
}
