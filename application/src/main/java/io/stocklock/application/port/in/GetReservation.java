package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

public interface GetReservation {

    Optional<Reservation> get(ReservationId id);

    /** Many at once (for clients waiting on decisions); unknown ids are absent. */
    Map<ReservationId, Reservation> getAll(Collection<ReservationId> ids);
}
