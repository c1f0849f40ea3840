package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import java.util.Optional;

public interface GetReservation {

    Optional<Reservation> get(ReservationId id);
}
