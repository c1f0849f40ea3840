package io.stocklock.adapters.kafka;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.util.List;

/** Where the test reservation's units are held: one line split over two locations, one unit backordered. */
final class Picks {

    private Picks() {
    }

    static List<Pick> of(ReservationStatus status) {
        return status.holdsOrHeld() ? List.of(new Pick(Sku.of("PARKING"), LocationId.DEFAULT, 1, 0),
                new Pick(Sku.of("TICKET-GA"), LocationId.of("east"), 1, 0),
                new Pick(Sku.of("TICKET-GA"), LocationId.of("west"), 1, 1)) : List.of();
    }
}
