package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.Transition;
import java.util.Objects;
import java.util.Optional;

/** Gives a hold back before it expires. */
public interface ReleaseReservation {

    /** @return empty when there is no reservation with that id, or it is not the owner's */
    Optional<Transition> release(ReleaseReservationCommand command);

    /**
     * @param owner who asks: a reservation of anyone else's is not theirs to change and looks like one that does not
     *              exist; empty: whoever owns it (an operator, or a host that checked already)
     */
    record ReleaseReservationCommand(ReservationId id, Optional<String> owner) {
        public ReleaseReservationCommand {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(owner, "owner");
        }

        public ReleaseReservationCommand(ReservationId id) {
            this(id, Optional.empty());
        }
    }
}
