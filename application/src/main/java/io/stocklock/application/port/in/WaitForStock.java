package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.waiting.WaitingEntry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A buyer's place on a sold-out SKU's waiting list: join it, see it, leave it. What comes back of the SKU is offered
 * to the line first come, first served ({@link ServeWaitingLists}).
 */
public interface WaitForStock {

    JoinResult join(JoinCommand command);

    /** @return empty for an unknown entry or another owner's */
    Optional<Place> find(ReservationId id, String owner);

    /** @return empty for an unknown entry or another owner's */
    Optional<LeaveResult> leave(ReservationId id, String owner);

    /** @param holdFor how long an offer is held for the buyer to confirm it */
    record JoinCommand(Sku sku, String owner, Quantity quantity, Duration holdFor) {
        public JoinCommand {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(holdFor, "holdFor");
        }
    }

    /** @param position 1 for the first in line; empty once offered */
    record Place(WaitingEntry entry, Optional<Long> position) {
    }

    sealed interface JoinResult {

        record Joined(Place place) implements JoinResult {
        }

        record UnknownSku(Sku sku) implements JoinResult {
        }

        /** Something to give and nobody waiting: a request would be served. */
        record InStock(Sku sku, long available) implements JoinResult {
        }

        record AlreadyWaiting(ReservationId entry) implements JoinResult {
        }

        record ListFull(Sku sku, long waiting) implements JoinResult {
        }

        /** Beyond what one request may ask (the deployment's limits). */
        record BeyondLimits(String reason) implements JoinResult {
        }
    }

    enum LeaveResult { LEFT, ALREADY_OFFERED }
}
