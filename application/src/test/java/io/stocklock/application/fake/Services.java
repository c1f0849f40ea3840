package io.stocklock.application.fake;

import io.stocklock.application.service.ConfirmReservationService;
import io.stocklock.application.service.ExpireReservationsService;
import io.stocklock.application.service.FailReservationService;
import io.stocklock.application.service.GetReservationService;
import io.stocklock.application.service.GetStockService;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.application.service.ReleaseReservationService;
import java.time.Clock;

/** Every service wired to one set of ports, as the application wires them. */
public record Services(ProcessReservationsService process, ConfirmReservationService confirm,
                       ReleaseReservationService release, ExpireReservationsService expire,
                       ManageStockService manageStock, GetStockService getStock, GetReservationService getReservation,
                       FailReservationService fail) {

    public static Services wire(Ports ports, Clock clock) {
        return new Services(
                new ProcessReservationsService(ports.transactions(), ports.reservations(), ports.inventory(),
                        ports.ledger(), ports.events(), clock),
                new ConfirmReservationService(ports.transactions(), ports.reservations(), ports.inventory(),
                        ports.ledger(), ports.events(), clock),
                new ReleaseReservationService(ports.transactions(), ports.reservations(), ports.inventory(),
                        ports.ledger(), ports.events(), clock),
                new ExpireReservationsService(ports.transactions(), ports.reservations(), ports.inventory(),
                        ports.ledger(), ports.events(), clock),
                new ManageStockService(ports.transactions(), ports.inventory(), ports.ledger(), clock),
                new GetStockService(ports.inventory(), ports.ledger()),
                new GetReservationService(ports.reservations()),
                new FailReservationService(ports.transactions(), ports.reservations(), ports.events(), clock));
    }
}
