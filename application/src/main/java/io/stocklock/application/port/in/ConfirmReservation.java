package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.Transition;
import java.util.Objects;
import java.util.Optional;

/** Turns a hold into a sale. Confirming a hold whose time is up expires it and says so. */
public interface ConfirmReservation {

    /** @return empty when there is no reservation with that id */
    Optional<Transition> confirm(ConfirmReservationCommand command);

    record ConfirmReservationCommand(ReservationId id) {
        public ConfirmReservationCommand {
            Objects.requireNonNull(id, "id");
        }
    }
}
