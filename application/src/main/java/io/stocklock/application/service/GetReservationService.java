package io.stocklock.application.service;

import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import java.util.Optional;

public class GetReservationService implements GetReservation {

    private final ReservationStore reservations;

    public GetReservationService(ReservationStore reservations) {
        this.reservations = reservations;
    }

    @Override
    public Optional<Reservation> get(ReservationId id) {
        return reservations.find(id);
    }
}
