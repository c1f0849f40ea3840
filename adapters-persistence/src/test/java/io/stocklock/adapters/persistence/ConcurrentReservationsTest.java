package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ExpireReservations.ExpireReservationsCommand;
import io.stocklock.application.port.in.ExtendHold.ExtendHoldCommand;
import io.stocklock.application.port.in.ManageStock.AdjustStockCommand;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ManageStock.SetShortStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.reservation.Transition;
import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many threads decide reservations against one real PostgreSQL at once. The guarantees are checked in the database
 * afterwards, and sampled while the threads run. Seeds are logged; replay one with {@code -Dstocklock.seed=...}.
 */
class ConcurrentReservationsTest {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentReservationsTest.class);

    private static final int THREADS = 32;
    private static final Sku HOT = Sku.of("HOT");
    private static final List<Sku> WARM = List.of(Sku.of("W1"), Sku.of("W2"), Sku.of("W3"), Sku.of("W4"));
    private static final long HOT_ON_HAND = 10_000;
    private static final long WARM_ON_HAND = 400;
    private static final LocationId EAST = LocationId.of("east");
    private static final LocationId WEST = LocationId.of("west");
    private static final List<LocationId> LOCATIONS = List.of(LocationId.DEFAULT, EAST, WEST);
    /** Backordered at east, up to 50 units beyond what it has. */
    private static final Sku BACKORDERED = WARM.get(1);
    /** Served in part, down to a line's minimum; scarce. */
    private static final Sku PARTIAL = WARM.get(2);
    /** A few units at each location: most lines of it need several. */
    private static final Sku SPREAD = WARM.get(3);

    private PostgresPorts postgres;
    private MutableClock clock;
    private Services services;
    private StockInvariants invariants;
    private final long seed = Long.getLong("stocklock.seed", System.nanoTime());

    @BeforeEach
    void stockUp() {
        postgres = new PostgresPorts(THREADS + 4);
        clock = new MutableClock(Instant.now());
        services = Services.wire(postgres.ports, clock);
        invariants = new StockInvariants(postgres.jdbc);
        // the hot SKU at three locations; two warm SKUs with short-stock policies of their own
        services.manageStock().saveLocation(new Location(EAST, "East", 1));
        services.manageStock().saveLocation(new Location(WEST, "West", 1));
        services.manageStock().create(new CreateStockCommand(HOT, LocationId.DEFAULT, 4_000, 0));
        services.manageStock().create(new CreateStockCommand(HOT, EAST, 3_000, 0));
        services.manageStock().create(new CreateStockCommand(HOT, WEST, HOT_ON_HAND - 7_000, 0));
        WARM.forEach(sku -> services.manageStock().create(new CreateStockCommand(sku, LocationId.DEFAULT,
                sku.equals(PARTIAL) ? 60 : sku.equals(SPREAD) ? 20 : WARM_ON_HAND, 0)));
        services.manageStock().create(new CreateStockCommand(SPREAD, EAST, 20, 0));
        services.manageStock().create(new CreateStockCommand(SPREAD, WEST, 20, 0));
        services.manageStock().create(new CreateStockCommand(BACKORDERED, EAST, 100, 50));
        services.manageStock().setShortStock(new SetShortStockCommand(BACKORDERED, Optional.of(ShortStock.BACKORDER)));
        services.manageStock().setShortStock(new SetShortStockCommand(PARTIAL, Optional.of(ShortStock.PARTIAL)));
        log.info("seed={}", seed);
    }

    @AfterEach
    void closePool() {
        postgres.dataSource.close();
    }

    /**
     * The cap on what one owner holds of a SKU is read under the SKU's lock, so concurrent batches with the same
     * owners, on one database, never let an owner hold more than the cap, while releases make room again.
     */
    @Test
    void concurrentBatchesNeverTakeAnOwnerOverItsHoldingCap() throws Exception {
        long cap = 40;
        Services capped = Services.wire(postgres.ports, clock, new ReservationPolicy(1_000, Duration.ofHours(1), cap));
        List<String> owners = List.of("o1", "o2", "o3", "o4", "o5", "o6");
        var overLimit = new AtomicLong();
        var sampled = new CopyOnWriteArrayList<String>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            var random = new SplittableRandom(seed + 1_000 + t);
            workers.add(pool.submit(() -> {
                for (int round = 0; round < 30; round++) {
                    List<ReservationRequest> batch = new ArrayList<>();
                    for (int i = 0, size = random.nextInt(1, 40); i < size; i++) {
                        List<ReservationLine> lines = new ArrayList<>();
                        lines.add(new ReservationLine(HOT, Quantity.of(random.nextInt(1, 6))));
                        if (random.nextInt(3) == 0) {
                            lines.add(new ReservationLine(WARM.get(random.nextInt(WARM.size())),
                                    Quantity.of(random.nextInt(1, 6))));
                        }
                        batch.add(new ReservationRequest(ReservationId.generate(),
                                owners.get(random.nextInt(owners.size())), lines, Duration.ofMinutes(10)));
                    }
                    for (RequestOutcome outcome : capped.process().process(new ProcessReservationsCommand(batch))) {
                        var reservation = ((RequestOutcome.Decided) outcome).reservation();
                        if (reservation.reason().filter(reason -> reason.contains("allowed at once")).isPresent()) {
                            overLimit.incrementAndGet();
                        } else if (reservation.status() == ReservationStatus.RESERVED && random.nextInt(3) == 0) {
                            capped.release().release(new ReleaseReservationCommand(reservation.id()));
                        }
                    }
                    sampled.addAll(heldOverCap(cap));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        log.info("holding cap {}: {} requests rejected over it", cap, overLimit.get());
        assertThat(overLimit.get()).as("the cap was reached").isPositive();
        assertThat(sampled).as("owners over the cap, sampled while batches ran").isEmpty();
        assertThat(heldOverCap(cap)).isEmpty();
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.holdingViolations()).isEmpty();
    }

    private List<String> heldOverCap(long cap) {
        return postgres.jdbc.sql("""
                        SELECT r.owner || ' holds ' || sum(p.units) || ' of ' || p.sku
                        FROM reservation r JOIN reservation_pick p ON p.reservation_id = r.id
                        WHERE r.status = 'RESERVED'
                        GROUP BY r.owner, p.sku
                        HAVING sum(p.units) > ?
                        """).param(cap).query(String.class).list();
    }

    @Test
    void threadsDecidingRandomBatchesUntilSoldOutNeverOversell() throws Exception {
        var submitted = new AtomicLong();
        var granted = new AtomicLong();
        var rejected = new AtomicLong();
        var decidedIds = new ConcurrentLinkedQueue<ReservationId>();
        var soldOut = new AtomicBoolean();
        var sampledViolations = new CopyOnWriteArrayList<String>();

        Instant start = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        var monitor = pool.submit(() -> {
            while (!soldOut.get()) {
                sampledViolations.addAll(invariants.stockViolations());
                pause(Duration.ofMillis(20));
            }
            return null;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            var random = new SplittableRandom(seed + t);
            workers.add(pool.submit(() -> {
                for (int round = 0; round < 2_000 && !soldOut.get(); round++) {
                    List<ReservationRequest> batch = randomBatch(random, random.nextInt(1, 201));
                    List<RequestOutcome> outcomes = services.process().process(new ProcessReservationsCommand(batch));
                    submitted.addAndGet(batch.size());
                    if (random.nextInt(3) == 0) {
                        // deliveries of a few units keep the scarce SKUs short while batches decide them: partial
                        // lines get what came in, and lines of the thin SKU need several locations
                        services.manageStock().adjust(new AdjustStockCommand(PARTIAL, 2, "delivery"));
                        LOCATIONS.forEach(location -> services.manageStock().adjust(
                                new AdjustStockCommand(SPREAD, location, 1, "delivery")));
                    }
                    for (RequestOutcome outcome : outcomes) {
                        var decided = (RequestOutcome.Decided) outcome;
                        decidedIds.add(decided.reservation().id());
                        (decided.reservation().status() == ReservationStatus.RESERVED ? granted : rejected)
                                .incrementAndGet();
                    }
                    if (services.getStock().find(HOT).orElseThrow().available() == 0) {
                        soldOut.set(true);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES); // rethrows any error a thread met: deadlock, lock timeout, ...
        }
        soldOut.set(true);
        monitor.get(1, TimeUnit.MINUTES);
        pool.shutdown();
        Duration elapsed = Duration.between(start, Instant.now());

        var hot = services.getStock().find(HOT).orElseThrow();
        Map<String, Long> statuses = countByStatus();
        log.info("{} threads decided {} requests on {} SKUs in {} ms ({} decisions/s): {} reserved, {} rejected; "
                        + "HOT reserved {} of on_hand {}", THREADS, submitted.get(), 1 + WARM.size(),
                elapsed.toMillis(), submitted.get() * 1000 / Math.max(1, elapsed.toMillis()), granted.get(),
                rejected.get(), hot.reserved(), hot.onHand());

        assertThat(hot.available()).as("the hot SKU sold out").isZero();
        assertThat(granted.get() + rejected.get()).isEqualTo(submitted.get());
        assertThat(statuses).containsOnlyKeys("RESERVED", "REJECTED")
                .containsEntry("RESERVED", granted.get()).containsEntry("REJECTED", rejected.get());
        assertThat(decidedIds).doesNotHaveDuplicates().hasSize((int) submitted.get());
        assertThat(sampledViolations).as("invariants sampled during the run").isEmpty();
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.allocationViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
        assertThat(invariants.eventViolations()).isEmpty();
        // every way of serving was taken: split lines, backorders, lines served in part, each location of HOT
        long split = count("SELECT count(*) FROM (SELECT 1 FROM reservation_pick GROUP BY reservation_id, sku "
                + "HAVING count(*) > 1) s");
        long backordered = count("SELECT COALESCE(sum(backordered), 0) FROM reservation_pick");
        long inPart = count("""
                SELECT count(*) FROM reservation_line l
                WHERE l.quantity > (SELECT sum(units) FROM reservation_pick p
                                    WHERE p.reservation_id = l.reservation_id AND p.sku = l.sku)""");
        log.info("{} lines split over locations, {} units backordered, {} lines served in part", split, backordered,
                inPart);
        assertThat(split).isPositive();
        assertThat(backordered).isPositive();
        assertThat(inPart).isPositive();
        assertThat(hot.locations()).allSatisfy(level -> assertThat(level.available()).isZero());
        assertThat(services.getStock().find(BACKORDERED).orElseThrow().at(EAST).orElseThrow().backordered())
                .isPositive();
    }

    private long count(String query) {
        return postgres.jdbc.sql(query).query(Long.class).single();
    }

    @Test
    void theSameBatchSubmittedByTwoThreadsAtOnceChangesStockOnce() throws Exception {
        var random = new SplittableRandom(seed);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long expectedReserved = 0;
        for (int round = 0; round < 20; round++) {
            List<ReservationRequest> batch = randomBatch(random, 50);
            var go = new CountDownLatch(1);
            Future<List<RequestOutcome>> first = pool.submit(() -> {
                go.await();
                return services.process().process(new ProcessReservationsCommand(batch));
            });
            Future<List<RequestOutcome>> second = pool.submit(() -> {
                go.await();
                return services.process().process(new ProcessReservationsCommand(batch));
            });
            go.countDown();
            List<RequestOutcome> all = new ArrayList<>(first.get(1, TimeUnit.MINUTES));
            all.addAll(second.get(1, TimeUnit.MINUTES));

            List<RequestOutcome> decided = all.stream().filter(RequestOutcome.Decided.class::isInstance).toList();
            assertThat(decided).extracting(outcome -> outcome.request().id()).doesNotHaveDuplicates()
                    .hasSize(batch.size());
            assertThat(all).filteredOn(RequestOutcome.AlreadyDecided.class::isInstance).hasSize(batch.size());
            expectedReserved += decided.stream()
                    .map(outcome -> ((RequestOutcome.Decided) outcome).reservation())
                    .filter(reservation -> reservation.status() == ReservationStatus.RESERVED)
                    .flatMap(reservation -> reservation.lines().stream())
                    .filter(line -> line.sku().equals(HOT))
                    .mapToLong(line -> line.quantity().value())
                    .sum();
        }
        pool.shutdown();

        assertThat(services.getStock().find(HOT).orElseThrow().reserved()).isEqualTo(expectedReserved);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.allocationViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
        assertThat(invariants.eventViolations()).isEmpty();
    }

    @Test
    void confirmReleaseExtensionAndExpiryRacingNewReservationsKeepTheInvariants() throws Exception {
        // newest first, so confirmations and releases meet live holds while older ones lapse
        Deque<ReservationId> held = new ConcurrentLinkedDeque<>();
        var stop = new AtomicBoolean();
        var counts = new ConcurrentHashMap<String, AtomicLong>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            var random = new SplittableRandom(seed + t);
            tasks.add(pool.submit(() -> {
                for (int round = 0; round < 40; round++) {
                    for (RequestOutcome outcome : services.process().process(
                            new ProcessReservationsCommand(randomBatch(random, random.nextInt(1, 101))))) {
                        var reservation = ((RequestOutcome.Decided) outcome).reservation();
                        if (reservation.status() == ReservationStatus.RESERVED) {
                            held.add(reservation.id());
                        }
                    }
                }
                return null;
            }));
        }
        for (int t = 0; t < 12; t++) {
            int role = t % 3;
            tasks.add(pool.submit(() -> {
                while (!stop.get()) {
                    ReservationId id = held.pollLast();
                    if (id == null) {
                        pause(Duration.ofMillis(2));
                        continue;
                    }
                    var transition = switch (role) {
                        case 0 -> services.confirm().confirm(new ConfirmReservationCommand(id)).orElseThrow();
                        case 1 -> services.release().release(new ReleaseReservationCommand(id)).orElseThrow();
                        // a longer hold, racing the sweeper for holds about to lapse; it goes back in line, to be
                        // confirmed, released or expired later
                        default -> services.extend().extend(new ExtendHoldCommand(id, Duration.ofSeconds(30)))
                                .orElseThrow();
                    };
                    String counted = transition instanceof Transition.Changed && role == 2 ? "extended"
                            : transition.current().status().name();
                    counts.computeIfAbsent(counted, key -> new AtomicLong()).incrementAndGet();
                    if (role == 2 && transition.current().status() == ReservationStatus.RESERVED) {
                        held.addFirst(id);
                    }
                }
                return null;
            }));
        }
        tasks.add(pool.submit(() -> {
            while (!stop.get()) {
                // holds last a minute; every tick moves the clock a second, so holds keep lapsing while others are
                // being decided, confirmed and released
                clock.advance(Duration.ofSeconds(1));
                counts.computeIfAbsent("expired by sweeper", key -> new AtomicLong())
                        .addAndGet(services.expire().expire(new ExpireReservationsCommand(50)));
                pause(Duration.ofMillis(5));
            }
            return null;
        }));

        for (Future<?> producer : tasks.subList(0, 20)) {
            producer.get(5, TimeUnit.MINUTES);
        }
        stop.set(true);
        for (Future<?> task : tasks) {
            task.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        log.info("lifecycle race: {}, still held {}, by status {}", counts, held.size(), countByStatus());

        assertThat(countByStatus()).containsKeys("CONFIRMED", "RELEASED", "EXPIRED");
        assertThat(counts.get("expired by sweeper").get()).isPositive();
        assertThat(counts.get("extended").get()).isPositive();
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.allocationViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
        assertThat(invariants.eventViolations()).isEmpty();
        long sold = postgres.jdbc.sql("""
                        SELECT COALESCE(SUM(p.units), 0) FROM reservation r
                        JOIN reservation_pick p ON p.reservation_id = r.id
                        WHERE r.status = 'CONFIRMED' AND p.sku = 'HOT'
                        """).query(Long.class).single();
        assertThat(services.getStock().find(HOT).orElseThrow().onHand()).isEqualTo(HOT_ON_HAND - sold);
    }

    /**
     * Mostly one hot SKU; one request in five spans several SKUs with its lines in random order; lines name a
     * minimum now and then; placements of every kind.
     */
    private static List<ReservationRequest> randomBatch(SplittableRandom random, int size) {
        List<ReservationRequest> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            List<ReservationLine> lines = new ArrayList<>();
            lines.add(new ReservationLine(HOT, Quantity.of(random.nextInt(1, 4))));
            if (random.nextInt(5) == 0) {
                int extra = random.nextInt(1, 3);
                for (int j = 0; j < extra; j++) {
                    int quantity = random.nextInt(1, 9);
                    lines.add(new ReservationLine(WARM.get(random.nextInt(WARM.size())), Quantity.of(quantity),
                            Quantity.of(random.nextInt(1, quantity + 1))));
                }
                Collections.shuffle(lines, new Random(random.nextLong()));
            }
            Optional<Placement> placement = switch (random.nextInt(5)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(new Placement(Optional.empty(), Placement.Order.PRIORITY, true));
                case 2 -> Optional.of(new Placement(Optional.empty(), Placement.Order.MOST_IN_STOCK,
                        random.nextBoolean()));
                case 3 -> Optional.of(Placement.at(LOCATIONS.get(random.nextInt(LOCATIONS.size()))));
                default -> Optional.of(Placement.DEFAULT);
            };
            batch.add(new ReservationRequest(ReservationId.generate(), "buyer-" + random.nextInt(100), lines,
                    Duration.ofMinutes(1), placement));
        }
        return batch;
    }

    private Map<String, Long> countByStatus() {
        return postgres.jdbc.sql("SELECT status, COUNT(*) AS n FROM reservation GROUP BY status")
                .query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
