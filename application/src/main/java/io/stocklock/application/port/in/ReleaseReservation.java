package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.Transition;
import java.util.Objects;
import java.util.Optional;

/** Gives a hold back before it expires. */
public interface ReleaseReservation {

    /** @return empty when there is no reservation with that id */
    Optional<Transition> release(ReleaseReservationCommand command);

    record ReleaseReservationCommand(ReservationId id) {
        public ReleaseReservationCommand {
            Objects.requireNonNull(id, "id");
        }
    }
}
