package io.stocklock.application.service;

import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import java.util.Collection;
import java.util.Map;
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

    @Override
    public Map<ReservationId, Reservation> getAll(Collection<ReservationId> ids) {
        return ids.isEmpty() ? Map.of() : reservations.findAll(ids);
    }
}
