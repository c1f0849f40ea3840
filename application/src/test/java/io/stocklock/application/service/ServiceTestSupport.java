package io.stocklock.application.service;

import io.stocklock.application.fake.InMemoryStores;
import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Ports;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Every service wired to the in-memory ports, as bootstrap wires them to the real ones. */
class ServiceTestSupport {

    static final Duration HOLD = Duration.ofMinutes(10);

    final InMemoryStores stores = new InMemoryStores();
    final Ports ports = stores.ports();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    final ProcessReservationsService process = new ProcessReservationsService(ports.transactions(),
            ports.reservations(), ports.inventory(), ports.ledger(), ports.events(), clock);
    final ConfirmReservationService confirm = new ConfirmReservationService(ports.transactions(),
            ports.reservations(), ports.inventory(), ports.ledger(), ports.events(), clock);
    final ReleaseReservationService release = new ReleaseReservationService(ports.transactions(),
            ports.reservations(), ports.inventory(), ports.ledger(), ports.events(), clock);
    final ExpireReservationsService expire = new ExpireReservationsService(ports.transactions(),
            ports.reservations(), ports.inventory(), ports.ledger(), ports.events(), clock);
    final ManageStockService manageStock = new ManageStockService(ports.transactions(), ports.inventory(),
            ports.ledger(), clock);
    final GetStockService getStock = new GetStockService(ports.inventory(), ports.ledger());
    final GetReservationService getReservation = new GetReservationService(ports.reservations());

    void stock(String sku, long onHand) {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of(sku), onHand));
    }

    static ReservationRequest request(ReservationLine... lines) {
        return new ReservationRequest(ReservationId.generate(), "alice", List.of(lines), HOLD);
    }
}
