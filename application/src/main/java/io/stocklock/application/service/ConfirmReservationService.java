package io.stocklock.application.service;

import io.stocklock.application.port.in.ConfirmReservation;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.reservation.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public class ConfirmReservationService implements ConfirmReservation {

    private final Transactions transactions;
    private final ReservationStore reservations;
    private final HoldSettlement settlement;
    private final Clock clock;

    public ConfirmReservationService(Transactions transactions, ReservationStore reservations, Inventory inventory,
                                     StockLedger ledger, OutcomeEvents events, Clock clock) {
        this.transactions = transactions;
        this.reservations = reservations;
        this.settlement = new HoldSettlement(reservations, inventory, ledger, events);
        this.clock = clock;
    }

    @Override
    public Optional<Transition> confirm(ConfirmReservationCommand command) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<Reservation> stored = Optional.ofNullable(reservations.lock(List.of(command.id())).get(command.id()));
            return stored.map(reservation -> {
                Transition transition = reservation.confirm(now);
                if (transition instanceof Transition.Changed changed) {
                    settlement.settle(List.of(changed.current()), now);
                } else if (transition instanceof Transition.Refused refused
                        && refused.code() == Transition.RefusalCode.HOLD_EXPIRED
                        && reservation.status() == ReservationStatus.RESERVED) {
                    // the sweeper has not got to it yet: expire it now, so the answer and the state agree
                    Reservation expired = reservation.expire(now).current();
                    settlement.settle(List.of(expired), now);
                    return new Transition.Refused(expired, refused.code(), refused.reason());
                }
                return transition;
            });
        });
    }
}
