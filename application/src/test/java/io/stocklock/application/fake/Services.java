package io.stocklock.application.fake;

import io.stocklock.application.UseCases;
import io.stocklock.application.service.FailReservationService;
import io.stocklock.application.service.GetReservationService;
import io.stocklock.application.service.GetStockService;
import io.stocklock.application.service.HoldLifecycleService;
import io.stocklock.application.service.ImportStockService;
import io.stocklock.application.service.ManageSalesService;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.application.service.WaitingListService;
import io.stocklock.domain.reservation.ReservationPolicy;
import java.time.Clock;

/** Every service wired to one set of ports, as the application wires them ({@link UseCases}). */
public record Services(ProcessReservationsService process, HoldLifecycleService confirm,
                       HoldLifecycleService release, HoldLifecycleService expire, HoldLifecycleService extend,
                       ManageStockService manageStock, ImportStockService importStock, GetStockService getStock,
                       GetReservationService getReservation, FailReservationService fail,
                       ManageSalesService manageSales, WaitingListService waitForStock) {

    /** Most entries waiting for one SKU in the services wired here. */
    public static final long MAX_WAITING_PER_SKU = 3;

    public static Services wire(Ports ports, Clock clock) {
        return wire(ports, clock, ReservationPolicy.CONTRACT);
    }

    public static Services wire(Ports ports, Clock clock, ReservationPolicy policy) {
        var useCases = new UseCases(ports.forUseCases(clock), policy);
        return new Services(useCases.process(), useCases.holdLifecycle(), useCases.holdLifecycle(),
                useCases.holdLifecycle(), useCases.holdLifecycle(), useCases.manageStock(), useCases.importStock(),
                useCases.getStock(), useCases.getReservation(), useCases.fail(), useCases.manageSales(),
                useCases.waitForStock(MAX_WAITING_PER_SKU));
    }
}
