package io.stocklock.application.service;

import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.Reservation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

public class FailReservationService implements FailReservation {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final OutcomeEvents events;
    private final Clock clock;

    public FailReservationService(Transactions transactions, ReservationStore reservations, OutcomeEvents events,
                                  Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean fail(FailReservationCommand command) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Reservation failed;
            if (reservations.insertIfAbsent(List.of(Reservation.failedOnArrival(command.id(), command.owner(),
                    command.reason(), now))).contains(command.id())) {
                failed = reservations.find(command.id()).orElseThrow();
            } else {
                Reservation stored = reservations.lock(List.of(command.id())).get(command.id());
                // only its owner's failure fails a request: a bad record naming someone else's id changes nothing
                if (stored.status().isDecided() || !stored.owner().equals(command.owner())) {
                    return false;
                }
                failed = stored.fail(command.reason(), now);
                reservations.update(List.of(failed));
            }
            events.append(List.of(OutcomeEvent.of(failed, now)));
            return true;
        });
    }
}
