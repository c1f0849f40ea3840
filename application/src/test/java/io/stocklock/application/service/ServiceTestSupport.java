package io.stocklock.application.service;

import io.stocklock.application.fake.InMemoryStores;
import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Ports;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Every service wired to the in-memory ports. */
class ServiceTestSupport {

    static final Duration HOLD = Duration.ofMinutes(10);

    final InMemoryStores stores = new InMemoryStores();
    final Ports ports = stores.ports();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final Services services = Services.wire(ports, clock);

    final ProcessReservationsService process = services.process();
    final HoldLifecycleService confirm = services.confirm();
    final HoldLifecycleService release = services.release();
    final HoldLifecycleService expire = services.expire();
    final HoldLifecycleService extend = services.extend();
    final ManageStockService manageStock = services.manageStock();
    final ImportStockService importStock = services.importStock();
    final GetStockService getStock = services.getStock();
    final GetReservationService getReservation = services.getReservation();
    final FailReservationService fail = services.fail();
    final ManageSalesService manageSales = services.manageSales();
    final WaitingListService waitForStock = services.waitForStock();

    void stock(String sku, long onHand) {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of(sku), onHand));
    }

    static ReservationRequest request(ReservationLine... lines) {
        return new ReservationRequest(ReservationId.generate(), "alice", List.of(lines), HOLD);
    }
}
