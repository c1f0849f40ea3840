package io.stocklock.bootstrap;

import static org.awaitility.Awaitility.await;

import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.test.context.ContextConfiguration;

/** The running service expires lapsed holds and re-submits requests whose taker died before handing them over. */
@SpringBootTest(properties = {"stocklock.background.expiry-period=200ms", "stocklock.background.stale-pending-after=2s",
        "stocklock.background.stale-pending-period=500ms"})
@ContextConfiguration(initializers = TestServers.class)
class BackgroundWorkTest {

    @Autowired
    ManageStock manageStock;
    @Autowired
    RequestIntake intake;
    @Autowired
    GetReservation getReservation;
    @Autowired
    GetStock getStock;
    @Autowired
    Transactions transactions;
    @Autowired
    ReservationStore reservations;
    @Autowired
    @Qualifier(BackgroundWork.CHECKS)
    TaskScheduler checks;
    @Autowired
    @Qualifier(BackgroundWork.RESUBMISSION)
    TaskScheduler resubmission;

    @Test
    void aHoldExpiresByItselfWhenItsTimeIsUp() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("BG-EXPIRY"), 1));
        var request = new ReservationRequest(ReservationId.generate(), "alice",
                List.of(ReservationLine.of("BG-EXPIRY", 1)), Duration.ofSeconds(1));
        intake.submit(request);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(request.id()) == ReservationStatus.EXPIRED);
        await().atMost(Duration.ofSeconds(5)).until(() -> reserved("BG-EXPIRY") == 0);
    }

    @Test
    void aRequestLeftPendingByADeadProcessIsDecidedAfterAll() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("BG-ORPHAN"), 5));
        var orphan = new ReservationRequest(ReservationId.generate(), "bob",
                List.of(ReservationLine.of("BG-ORPHAN", 2)), Duration.ofMinutes(5));
        // what a process that died between writing the row and reaching the broker leaves behind
        transactions.inTransaction(() -> reservations.insertIfAbsent(List.of(Reservation.pending(orphan,
                Instant.now()))));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(orphan.id()) == ReservationStatus.RESERVED);
    }

    /**
     * A scan or a send that takes long (here: each of their threads held for the whole test) does not hold up
     * expiry: with one shared scheduler thread, this hold would stay RESERVED until they were done.
     */
    @Test
    void expiryNeverWaitsBehindTheInvariantCheckOrAResubmission() throws Exception {
        var busy = new CountDownLatch(1);
        checks.schedule(() -> hold(busy), Instant.now());
        resubmission.schedule(() -> hold(busy), Instant.now());
        try {
            manageStock.create(new ManageStock.CreateStockCommand(Sku.of("BG-BUSY"), 1));
            var request = new ReservationRequest(ReservationId.generate(), "carol",
                    List.of(ReservationLine.of("BG-BUSY", 1)), Duration.ofSeconds(1));
            intake.submit(request);

            await().atMost(Duration.ofSeconds(30)).until(() -> status(request.id()) == ReservationStatus.EXPIRED);
        } finally {
            busy.countDown();
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ReservationStatus status(ReservationId id) {
        return getReservation.get(id).map(Reservation::status).orElse(null);
    }

    private long reserved(String sku) {
        return getStock.find(Sku.of(sku)).orElseThrow().reserved();
    }
}
