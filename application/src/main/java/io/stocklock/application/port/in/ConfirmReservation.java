package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.Transition;
import java.util.Objects;
import java.util.Optional;

/** Turns a hold into a sale. Confirming a hold whose time is up expires it and says so. */
public interface ConfirmReservation {

    /** @return empty when there is no reservation with that id, or it is not the owner's */
    Optional<Transition> confirm(ConfirmReservationCommand command);

    /**
     * @param owner who asks: a reservation of anyone else's is not theirs to change and looks like one that does not
     *              exist; empty: whoever owns it (an operator, or a host that checked already)
     */
    record ConfirmReservationCommand(ReservationId id, Optional<String> owner) {
        public ConfirmReservationCommand {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(owner, "owner");
        }

        public ConfirmReservationCommand(ReservationId id) {
            this(id, Optional.empty());
        }
    }
}
