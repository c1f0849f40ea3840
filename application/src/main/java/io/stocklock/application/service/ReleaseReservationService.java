package io.stocklock.application.service;

import io.stocklock.application.port.in.ReleaseReservation;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.Transition;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

public class ReleaseReservationService implements ReleaseReservation {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final HoldSettlement settlement;
    private final Clock clock;

    public ReleaseReservationService(Transactions transactions, ReservationStore reservations, Inventory inventory,
                                     StockLedger ledger, OutcomeEvents events, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.settlement = new HoldSettlement(reservations, inventory, ledger, events);
        this.clock = clock;
    }

    @Override
    public Optional<Transition> release(ReleaseReservationCommand command) {
        return transactions.inTransaction(() -> {
            Optional<Reservation> stored = Optional.ofNullable(reservations.lock(List.of(command.id())).get(command.id()));
            return stored.map(reservation -> {
                Transition transition = reservation.release();
                if (transition instanceof Transition.Changed changed) {
                    settlement.settle(List.of(changed.current()), clock.instant());
                }
                return transition;
            });
        });
    }
}
