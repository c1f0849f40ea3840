package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.ReservationId;
import java.util.Objects;

/**
 * Records that a request could not be processed (unreadable or invalid input, intake unavailable): a PENDING
 * request becomes FAILED with the reason, if the failure is its owner's; a request seen for the first time is recorded
 * as FAILED. A request that was already decided, or that belongs to another owner, is left as it is. No stock is
 * touched.
 */
public interface FailReservation {

    /** @return whether this call changed anything */
    boolean fail(FailReservationCommand command);

    /** @param owner who sent it, if that could be read; recorded for a request seen for the first time */
    record FailReservationCommand(ReservationId id, String owner, String reason) {
        public FailReservationCommand {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
            owner = owner == null || owner.isBlank() ? "unknown" : owner;
        }
    }
}
