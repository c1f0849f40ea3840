package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.application.UseCases;
import io.stocklock.application.grouping.Retries;
import io.stocklock.application.port.in.ManageStock.AdjustStockCommand;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.SubmitReservation.SubmitOutcome;
import io.stocklock.application.port.in.SubmitReservation.SubmitReservationCommand;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.service.SubmitReservationService;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door refuses buyers of a sold-out SKU without its lock, and every instance decides normally again within the
 * documented bound once units come back: two instances (each its own engine, door and sold-out set) on one database.
 */
class SoldOutAtTheDoorTest {

    private static final Logger log = LoggerFactory.getLogger(SoldOutAtTheDoorTest.class);

    private static final byte[] ID_SECRET = "the secret of reservation ids in this test".getBytes(StandardCharsets.UTF_8);
    private static final Sku SKU = Sku.of("DROP");
    /** How often each instance looks for units back: the service's default. */
    private static final Duration REFRESH = Duration.ofMillis(200);
    /** The documented bound: two refresh periods, and the time a refresh and a group take on a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(1);

    /** In microseconds, as the service's and PostgreSQL's. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    private PostgresPorts postgres;
    private final List<SubmitReservationService> doors = new ArrayList<>();
    private final List<UseCases> instances = new ArrayList<>();
    private final ScheduledExecutorService refreshers = Executors.newScheduledThreadPool(2);

    @BeforeEach
    void twoInstances() {
        postgres = new PostgresPorts(24);
        RequestIntake noIntake = request -> CompletableFuture.failedFuture(new IllegalStateException("no broker"));
        for (int i = 0; i < 2; i++) {
            var useCases = new UseCases(postgres.ports.forUseCases(clock), ReservationPolicy.DEFAULTS);
            instances.add(useCases);
            doors.add(useCases.submitReservation(noIntake, new SubmitReservationService.Settings(ID_SECRET, 10_000,
                    1, Duration.ZERO, Retries.NONE), new DatabaseFailures(), () -> Runnable::run));
            refreshers.scheduleWithFixedDelay(() -> useCases.process().soldOut().refresh(), 0, REFRESH.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        instances.get(0).manageStock().create(new CreateStockCommand(SKU, 20));
    }

    @AfterEach
    void stop() {
        refreshers.shutdownNow();
        doors.forEach(SubmitReservationService::close);
        postgres.dataSource.close();
    }

    private SubmitOutcome buy(int instance, String caller, Optional<String> key) throws Exception {
        return doors.get(instance).submit(new SubmitReservationCommand(caller, key, List.of(ReservationLine.of(SKU
                .value(), 1)), Duration.ofMinutes(10), Duration.ofSeconds(10))).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aSoldOutSkuIsRefusedWithoutItsLockAndARetryReplaysItsDecision() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(buy(0, "buyer-" + i, Optional.empty())).isInstanceOf(SubmitOutcome.Decided.class);
        }
        // the decision that took the last unit taught the instance the SKU is sold out
        assertThat(instances.get(0).process().soldOut().soldOutIn(new ReservationRequest(ReservationId.generate(),
                "anyone", List.of(ReservationLine.of(SKU.value(), 1)), Duration.ofMinutes(1)))).contains(SKU);

        try (Connection holder = postgres.dataSource.getConnection()) {
            // another transaction holds the SKU's row lock: a decision would wait for it, a refusal does not
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT * FROM inventory WHERE sku = 'DROP' FOR UPDATE");

            SubmitOutcome refused = buy(0, "refused", Optional.of("k-1"));
            assertThat(refused).isInstanceOfSatisfying(SubmitOutcome.Decided.class, decided -> {
                assertThat(decided.reservation().status()).isEqualTo(ReservationStatus.REJECTED);
                assertThat(decided.reservation().reason()).contains("insufficient stock of DROP: sold out");
            });
            // its key names its decision: a retry replays it, never a fresh refusal
            assertThat(buy(0, "refused", Optional.of("k-1"))).isInstanceOfSatisfying(SubmitOutcome.Replayed.class,
                    replayed -> assertThat(replayed.reservation()).isEqualTo(
                            ((SubmitOutcome.Decided) refused).reservation()));
            holder.rollback();
        }
        // recorded with its outcome event, like any decision
        assertThat(postgres.jdbc.sql("SELECT count(*) FROM outbox WHERE reason LIKE '%sold out'")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(new StockInvariants(postgres.jdbc).stockViolations()).isEmpty();
    }

    @Test
    void aRestockDuringAFlashSaleIsSoldByBothInstancesWithinTheBound() throws Exception {
        var stop = new AtomicBoolean();
        var soldOutRefusals = new AtomicInteger();
        ExecutorService buyers = Executors.newFixedThreadPool(16);
        List<Future<?>> running = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            int buyer = b;
            running.add(buyers.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    SubmitOutcome outcome = buy(buyer % 2, "buyer-" + buyer + "-" + n, Optional.empty());
                    if (outcome instanceof SubmitOutcome.Decided decided
                            && decided.reservation().reason().orElse("").endsWith("sold out")) {
                        soldOutRefusals.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        // sold out on both instances, refused at the door a while
        await().atMost(Duration.ofSeconds(30)).until(() -> soldOutRefusals.get() >= 200);

        instances.get(1).manageStock().adjust(new AdjustStockCommand(SKU, LocationId.DEFAULT, 30, "restock"));
        Instant restocked = clock.instant();
        // the buyers go on until every restocked unit is sold
        await().atMost(Duration.ofSeconds(30)).until(() -> postgres.jdbc.sql(
                "SELECT reserved FROM inventory WHERE sku = 'DROP'").query(Long.class).single() == 50);
        stop.set(true);
        for (Future<?> buyer : running) {
            buyer.get(30, TimeUnit.SECONDS);
        }
        buyers.shutdown();

        // every unit, the restocked ones included, went to a buyer
        assertThat(postgres.jdbc.sql("SELECT reserved FROM inventory WHERE sku = 'DROP'").query(Long.class)
                .single()).isEqualTo(50);
        Instant lastUnitSold = postgres.jdbc.sql("SELECT max(decided_at) FROM reservation WHERE status = 'RESERVED'")
                .query(OffsetDateTime.class).single().toInstant();
        assertThat(lastUnitSold).isAfter(restocked);
        Instant firstUnitSold = postgres.jdbc.sql("""
                        SELECT min(decided_at) FROM reservation WHERE status = 'RESERVED' AND decided_at > ?::timestamptz
                        """).param(restocked.toString()).query(OffsetDateTime.class).single().toInstant();
        log.info("restock of 30 units: first sold after {} ms, last after {} ms; {} refused as sold out before it",
                Duration.between(restocked, firstUnitSold).toMillis(),
                Duration.between(restocked, lastUnitSold).toMillis(), soldOutRefusals.get());
        // while the database held restocked units, no instance refused a buyer as sold out later than the bound
        long refusedWhileInStock = postgres.jdbc.sql("""
                        SELECT count(*) FROM reservation
                        WHERE status = 'REJECTED' AND reason LIKE '%: sold out'
                          AND decided_at > ?::timestamptz AND decided_at < ?::timestamptz
                        """)
                .param(restocked.plus(BOUND).toString()).param(lastUnitSold.toString())
                .query(Long.class).single();
        assertThat(refusedWhileInStock).isZero();
        StockInvariants invariants = new StockInvariants(postgres.jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.eventViolations()).isEmpty();
    }
}
