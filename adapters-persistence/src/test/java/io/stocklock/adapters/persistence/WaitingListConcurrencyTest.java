package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.application.port.in.WaitForStock.JoinCommand;
import io.stocklock.application.port.in.WaitForStock.JoinResult;
import io.stocklock.application.service.WaitingListService;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Units coming back one by one while two servers of the waiting list run at once (as two instances would) and
 * newcomers keep asking, on a real PostgreSQL: the units go to the first in line, in the order they joined, each
 * offered once, none to a newcomer, and the stock stays exact.
 */
class WaitingListConcurrencyTest {

    private static final Sku HOT = Sku.of("HOT");
    private static final int UNITS = 12;
    private static final int WAITING = 30;

    private PostgresPorts postgres;
    private Services services;
    private WaitingListService waitingList;

    @BeforeEach
    void soldOut() {
        postgres = new PostgresPorts(12);
        services = Services.wire(postgres.ports, new MutableClock(Instant.now()));
        waitingList = services.waitForStock();
        services.manageStock().create(new CreateStockCommand(HOT, UNITS));
    }

    @AfterEach
    void closePool() {
        postgres.dataSource.close();
    }

    @Test
    void whatComesBackGoesToTheFrontOfTheLineOnceEachAndNeverToANewcomer() throws Exception {
        List<ReservationId> holds = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            holds.add(decided(request("holder-" + i)).id());
        }
        var line = new WaitingListService(postgres.ports.transactions(), postgres.ports.inventory(),
                postgres.ports.waiting(), ReservationPolicy.DEFAULTS, WAITING, Clock.systemUTC());
        List<ReservationId> joined = new ArrayList<>();
        for (int i = 0; i < WAITING; i++) {
            JoinResult result = line.join(new JoinCommand(HOT, "fan-" + i, Quantity.of(1), Duration.ofMinutes(10)));
            joined.add(((JoinResult.Joined) result).place().entry().id());
        }

        var done = new AtomicBoolean();
        var newcomersServed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<CompletableFuture<?>> running = new ArrayList<>();
        for (int server = 0; server < 2; server++) {
            running.add(CompletableFuture.runAsync(() -> {
                while (!done.get()) {
                    services.process().serve(10);
                }
            }, pool));
        }
        for (int newcomer = 0; newcomer < 2; newcomer++) {
            int n = newcomer;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; !done.get(); i++) {
                    var outcome = decided(request("newcomer-" + n + "-" + i));
                    if (outcome.status() == ReservationStatus.RESERVED) {
                        newcomersServed.incrementAndGet();
                    }
                }
            }, pool));
        }
        List<CompletableFuture<Void>> releases = holds.stream().map(id -> CompletableFuture.runAsync(() ->
                services.release().release(new ReleaseReservationCommand(id)), pool)).toList();
        CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> offered() == UNITS);
        done.set(true);
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(newcomersServed.get()).as("newcomers served while buyers waited").isZero();
        assertThat(offeredIds()).as("the first in line, in the order they joined")
                .containsExactlyElementsOf(joined.subList(0, UNITS));
        assertThat(joined.subList(0, UNITS)).allSatisfy(id -> assertThat(services.getReservation().get(id)
                .orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED));
        var invariants = new StockInvariants(postgres.jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.applyViolations()).as("each offer applied once").isEmpty();
        assertThat(services.getStock().find(HOT).orElseThrow().reserved()).isEqualTo(UNITS);
    }

    private long offered() {
        return postgres.jdbc.sql("SELECT count(*) FROM waiting_entry WHERE status = 'OFFERED'").query(Long.class)
                .single();
    }

    private List<ReservationId> offeredIds() {
        return postgres.jdbc.sql("SELECT id FROM waiting_entry WHERE status = 'OFFERED' ORDER BY seq")
                .query((row, n) -> new ReservationId(row.getObject("id", UUID.class))).list();
    }

    private Reservation decided(ReservationRequest request) {
        return ((RequestOutcome.Decided) services.process().process(new ProcessReservationsCommand(List.of(request)))
                .get(0)).reservation();
    }

    private static ReservationRequest request(String owner) {
        return new ReservationRequest(ReservationId.generate(), owner, List.of(ReservationLine.of(HOT.value(), 1)),
                Duration.ofMinutes(10));
    }
}
