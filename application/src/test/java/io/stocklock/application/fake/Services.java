package io.stocklock.application.fake;

import io.stocklock.application.waiting.DecisionWaiters;
import io.stocklock.application.service.FailReservationService;
import io.stocklock.application.service.GetReservationService;
import io.stocklock.application.service.GetStockService;
import io.stocklock.application.service.HoldLifecycleService;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.ProcessReservationsService;
import java.time.Clock;

/** Every service wired to one set of ports, as the application wires them. */
public record Services(ProcessReservationsService process, HoldLifecycleService confirm,
                       HoldLifecycleService release, HoldLifecycleService expire,
                       ManageStockService manageStock, GetStockService getStock, GetReservationService getReservation,
                       FailReservationService fail, DecisionWaiters waiters) {

    public static Services wire(Ports ports, Clock clock) {
        var waiters = new DecisionWaiters();
        var holds = new HoldLifecycleService(ports.transactions(), ports.reservations(), ports.inventory(),
                ports.ledger(), ports.events(), clock);
        return new Services(
                new ProcessReservationsService(ports.transactions(), ports.reservations(), ports.inventory(),
                        ports.ledger(), ports.events(), waiters, clock),
                holds, holds, holds,
                new ManageStockService(ports.transactions(), ports.inventory(), ports.ledger(), clock),
                new GetStockService(ports.inventory(), ports.ledger()),
                new GetReservationService(ports.reservations()),
                new FailReservationService(ports.transactions(), ports.reservations(), ports.events(), clock),
                waiters);
    }
}
