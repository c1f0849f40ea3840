package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ManageSales.PutResult;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One buyer's requests for different SKUs of one sale, decided at once in separate transactions on a real PostgreSQL,
 * never give the buyer more of the sale than its limit: they do not share a SKU lock, so only the (sale, buyer) lock
 * keeps them apart. Seeds are logged; replay one with {@code -Dstocklock.seed=...}.
 */
class SaleLimitsConcurrencyTest {

    private static final Logger log = LoggerFactory.getLogger(SaleLimitsConcurrencyTest.class);

    private static final int THREADS = 16;
    private static final long LIMIT = 3;
    private static final SaleId DROP = SaleId.of("drop");
    private static final List<Sku> SKUS = List.of(Sku.of("S1"), Sku.of("S2"), Sku.of("S3"), Sku.of("S4"));
    private static final List<String> BUYERS = List.of("b1", "b2", "b3", "b4", "b5", "b6");

    private PostgresPorts postgres;
    private Services services;
    private StockInvariants invariants;
    private final long seed = Long.getLong("stocklock.seed", System.nanoTime());

    @BeforeEach
    void aSaleOfFourSkus() {
        postgres = new PostgresPorts(THREADS + 4);
        services = Services.wire(postgres.ports, new MutableClock(Instant.now()));
        invariants = new StockInvariants(postgres.jdbc);
        SKUS.forEach(sku -> services.manageStock().create(new CreateStockCommand(sku, 10_000)));
        assertThat(services.manageSales().put(Sale.of(DROP, LIMIT, SKUS))).isInstanceOf(PutResult.Stored.class);
        log.info("seed={}", seed);
    }

    @AfterEach
    void closePool() {
        postgres.dataSource.close();
    }

    @Test
    void oneBuyersConcurrentRequestsOnDifferentSkusOfASaleNeverPassItsLimitTogether() throws Exception {
        var overTheSale = new AtomicLong();
        var sampled = new CopyOnWriteArrayList<String>();
        var together = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            var random = new SplittableRandom(seed + t);
            int thread = t;
            workers.add(pool.submit(() -> {
                for (int round = 0; round < 25; round++) {
                    // every thread asks for the same buyer in a round, each on a SKU of its own
                    together.await(30, TimeUnit.SECONDS);
                    var request = new ReservationRequest(ReservationId.generate(), BUYERS.get(round % BUYERS.size()),
                            List.of(new ReservationLine(SKUS.get(thread % SKUS.size()),
                                    Quantity.of(random.nextInt(1, 3)))), Duration.ofMinutes(10));
                    RequestOutcome outcome = services.process().process(
                            new ProcessReservationsCommand(List.of(request))).get(0);
                    Reservation decided = ((RequestOutcome.Decided) outcome).reservation();
                    if (decided.rejection().filter(RejectionCode.SALE_LIMIT::equals).isPresent()) {
                        overTheSale.incrementAndGet();
                    } else if (decided.status() == ReservationStatus.RESERVED) {
                        switch (random.nextInt(3)) {
                            case 0 -> services.release().release(new ReleaseReservationCommand(decided.id()));
                            case 1 -> services.confirm().confirm(new ConfirmReservationCommand(decided.id()));
                            default -> { }
                        }
                    }
                    sampled.addAll(overTheLimit());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        log.info("sale limit {}: {} requests rejected over it", LIMIT, overTheSale.get());
        assertThat(overTheSale.get()).as("the limit was reached").isPositive();
        assertThat(sampled).as("buyers over the limit, sampled while requests ran").isEmpty();
        assertThat(overTheLimit()).isEmpty();
        assertThat(countsThatDisagreeWithTheReservations()).isEmpty();
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.holdingViolations()).isEmpty();

        // and the invariant check notices a count below what a buyer holds
        services.process().process(new ProcessReservationsCommand(List.of(new ReservationRequest(
                ReservationId.generate(), "late", List.of(ReservationLine.of("S1", 1)), Duration.ofMinutes(10)))));
        postgres.jdbc.sql("UPDATE sale_buyer SET units = 0 WHERE buyer = 'late'").update();
        assertThat(invariants.holdingViolations()).containsExactly("late holds 1 of sale drop, counted 0");
    }

    /** Buyers who hold plus confirmed more of the sale than the limit. */
    private List<String> overTheLimit() {
        return postgres.jdbc.sql("""
                        SELECT r.owner || ' got ' || sum(p.units) FROM reservation r
                        JOIN reservation_pick p ON p.reservation_id = r.id
                        JOIN sale_sku k ON k.sku = p.sku
                        WHERE r.status IN ('RESERVED', 'CONFIRMED') AND k.sale_id = :sale
                        GROUP BY r.owner HAVING sum(p.units) > :limit
                        """)
                .param("sale", DROP.value()).param("limit", LIMIT).query(String.class).list();
    }

    private List<String> countsThatDisagreeWithTheReservations() {
        return postgres.jdbc.sql("""
                        WITH got AS (SELECT r.owner AS buyer, sum(p.units) AS units FROM reservation r
                                     JOIN reservation_pick p ON p.reservation_id = r.id
                                     JOIN sale_sku k ON k.sku = p.sku
                                     WHERE r.status IN ('RESERVED', 'CONFIRMED') AND k.sale_id = :sale
                                     GROUP BY r.owner)
                        SELECT coalesce(b.buyer, g.buyer) || ': counted ' || coalesce(b.units, 0) || ', got '
                               || coalesce(g.units, 0)
                        FROM (SELECT * FROM sale_buyer WHERE sale_id = :sale) b FULL JOIN got g ON g.buyer = b.buyer
                        WHERE coalesce(b.units, 0) <> coalesce(g.units, 0)
                        """)
                .param("sale", DROP.value()).query(String.class).list();
    }
}
