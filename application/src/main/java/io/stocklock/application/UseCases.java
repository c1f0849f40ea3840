package io.stocklock.application;

import io.stocklock.application.failure.FailureClassifier;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.StockLevelPublisher;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.application.service.FailReservationService;
import io.stocklock.application.service.ForgetFinishedReservationsService;
import io.stocklock.application.service.GetReservationService;
import io.stocklock.application.service.GetStockService;
import io.stocklock.application.service.HoldLifecycleService;
import io.stocklock.application.service.ImportStockService;
import io.stocklock.application.service.ManageSalesService;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.application.service.RelayOutcomesService;
import io.stocklock.application.service.RelayStockLevelsService;
import io.stocklock.application.service.RepublishStalePendingService;
import io.stocklock.application.service.SubmitReservationService;
import io.stocklock.application.service.WaitingListService;
import io.stocklock.domain.reservation.ReservationPolicy;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Every use case wired to one set of outgoing ports: the one place where the service, a host that imports the
 * modules, the tests and the benchmarks build them.
 */
public final class UseCases {

    /** What the use cases need from outside. */
    public record Ports(Transactions transactions, ReservationStore reservations, Inventory inventory,
                        StockLedger ledger, OutcomeEvents events, Outbox outbox, OutcomePublisher publisher,
                        Sales sales, StockLevelOutbox stockLevels, WaitingList waiting, Clock clock) {
        public Ports {
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(reservations, "reservations");
            Objects.requireNonNull(inventory, "inventory");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(sales, "sales");
            Objects.requireNonNull(stockLevels, "stockLevels");
            Objects.requireNonNull(waiting, "waiting");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final Ports ports;
    private final ProcessReservationsService process;
    private final HoldLifecycleService holdLifecycle;
    private final ManageStockService manageStock;
    private final ManageSalesService manageSales;
    private final ImportStockService importStock;
    private final GetStockService getStock;
    private final GetReservationService getReservation;
    private final FailReservationService fail;
    private final RelayOutcomesService relayOutcomes;
    private final ForgetFinishedReservationsService forgetFinished;

    private final ReservationPolicy policy;

    /** With only the contract's limits: no cap per request or per owner beyond them. */
    public UseCases(Ports ports) {
        this(ports, ReservationPolicy.CONTRACT);
    }

    /** @param policy what one owner may ask of the stock, applied to every request whichever intake it came by */
    public UseCases(Ports ports, ReservationPolicy policy) {
        this.ports = ports;
        this.policy = Objects.requireNonNull(policy, "policy");
        process = new ProcessReservationsService(ports.transactions(), ports.reservations(), ports.inventory(),
                ports.ledger(), ports.publisher(), ports.events(), ports.sales(), ports.stockLevels(), ports.waiting(),
                policy, ports.clock());
        holdLifecycle = new HoldLifecycleService(ports.transactions(), ports.reservations(), ports.inventory(),
                ports.ledger(), ports.events(), ports.sales(), ports.stockLevels(), policy, ports.clock());
        manageStock = new ManageStockService(ports.transactions(), ports.inventory(), ports.ledger(),
                ports.stockLevels(), policy.shortStock(), ports.clock());
        manageSales = new ManageSalesService(ports.transactions(), ports.inventory(), ports.sales());
        importStock = new ImportStockService(ports.transactions(), ports.inventory(), ports.ledger(),
                ports.stockLevels(), policy.shortStock(), ports.clock());
        getStock = new GetStockService(ports.inventory(), ports.ledger());
        getReservation = new GetReservationService(ports.reservations());
        fail = new FailReservationService(ports.transactions(), ports.reservations(), ports.events(), ports.clock());
        relayOutcomes = new RelayOutcomesService(ports.transactions(), ports.outbox(), ports.publisher());
        forgetFinished = new ForgetFinishedReservationsService(ports.transactions(), ports.reservations(),
                ports.clock());
    }

    public ProcessReservationsService process() {
        return process;
    }

    /** Confirm, release and expiry, the three ways a hold ends, and extension: one service. */
    public HoldLifecycleService holdLifecycle() {
        return holdLifecycle;
    }

    public ManageStockService manageStock() {
        return manageStock;
    }

    public ManageSalesService manageSales() {
        return manageSales;
    }

    public ImportStockService importStock() {
        return importStock;
    }

    public GetStockService getStock() {
        return getStock;
    }

    public GetReservationService getReservation() {
        return getReservation;
    }

    public FailReservationService fail() {
        return fail;
    }

    public RelayOutcomesService relayOutcomes() {
        return relayOutcomes;
    }

    /**
     * The HTTP intake's use case: waiting buyers decided by the same engine as {@link #process()}, the others handed
     * to {@code intake}; the other arguments are {@link SubmitReservationService}'s. Each call builds a door of its
     * own, with its own threads: a host builds one.
     */
    public SubmitReservationService submitReservation(RequestIntake intake, SubmitReservationService.Settings settings,
                                                      FailureClassifier failures,
                                                      Supplier<Executor> callerContext) {
        return new SubmitReservationService(ports.transactions(), ports.reservations(), process, intake, policy,
                ports.clock(), settings, failures, callerContext);
    }

    /** The relay of stock-level events to {@code publisher}; a host without a broker leaves them in the outbox. */
    public RelayStockLevelsService relayStockLevels(StockLevelPublisher publisher) {
        return new RelayStockLevelsService(ports.transactions(), ports.stockLevels(), publisher);
    }

    /** Joining, seeing and leaving waiting lists; at most {@code maxPerSku} entries wait for one SKU at once. */
    public WaitingListService waitForStock(long maxPerSku) {
        return new WaitingListService(ports.transactions(), ports.inventory(), ports.waiting(), policy, maxPerSku,
                ports.clock());
    }

    public ForgetFinishedReservationsService forgetFinished() {
        return forgetFinished;
    }

    /** Each call builds one; a host builds one per intake. */
    public RepublishStalePendingService republishStalePending(RequestIntake intake) {
        return new RepublishStalePendingService(ports.transactions(), ports.reservations(), intake, ports.clock());
    }
}
