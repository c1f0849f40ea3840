package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;

/**
 * Many requests on one hot SKU through the real producer, the real broker and the real database, while the database
 * restarts, the listener stops and starts, and a second instance joins and leaves. Afterwards every request is
 * decided once, the stock is exactly sold out, and every request has exactly one outcome event after dedupe.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestServers.class)
class KafkaResilienceTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaResilienceTest.class);

    @Autowired
    RequestIntake intake;
    @Autowired
    ManageStock manageStock;
    @Autowired
    KafkaSettings settings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;
    @Autowired
    MessageListenerContainer reservationRequestListenerContainer;

    private final ExecutorService producers = Executors.newFixedThreadPool(5);
    private final AtomicLong sent = new AtomicLong();

    @AfterEach
    void stopProducers() {
        producers.shutdownNow();
    }

    @Test
    void tenThousandRequestsOnOneHotSkuAreDecidedOnceAndReportedOnce() throws Exception {
        String sku = "HOT-10K";
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of(sku), 5_000));

        // all requests wait in the topic first, so the figures are the consumer's, not the producers'
        reservationRequestListenerContainer.stop();
        Set<ReservationId> ids = submitInBackground(sku, 10_000, Duration.ZERO);
        await().atMost(Duration.ofMinutes(2)).until(() -> ids.size() == 10_000 && sent.get() == 10_000);
        Instant start = Instant.now();
        reservationRequestListenerContainer.start();
        awaitDecided(sku, 10_000, Duration.ofMinutes(3));
        Duration elapsed = Duration.between(start, Instant.now());

        long batches = jdbc.sql("""
                        SELECT COUNT(DISTINCT decided_at) FROM reservation r
                        JOIN reservation_line l ON l.reservation_id = r.id WHERE l.sku = ?""")
                .param(sku).query(Long.class).single();
        log.info("hot SKU over Kafka: 10000 requests decided in {} ms ({} decisions/s) in {} batches, "
                        + "{} requests per batch on average", elapsed.toMillis(),
                10_000_000 / Math.max(1, elapsed.toMillis()), batches, 10_000 / Math.max(1, batches));
        assertThat(statusCounts(sku)).containsEntry("RESERVED", 5_000L).containsEntry("REJECTED", 5_000L);
        assertGuarantees(sku, ids);
    }

    @Test
    void nothingIsLostOrDoubledWhileTheDatabaseRestarts() throws Exception {
        String sku = "DB-OUTAGE";
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of(sku), 2_000));

        Set<ReservationId> ids = submitInBackground(sku, 3_000, Duration.ofMillis(2));
        awaitDecided(sku, 300, Duration.ofMinutes(1));
        TestPostgres.stop();
        try {
            // the outage lasts while the producers go on: requests pile up in Kafka, none is dead-lettered
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        } finally {
            TestPostgres.start();
        }
        awaitDecided(sku, 3_000, Duration.ofMinutes(3));

        assertThat(statusCounts(sku)).containsEntry("RESERVED", 2_000L).containsEntry("REJECTED", 1_000L);
        assertGuarantees(sku, ids);
    }

    @Test
    void theListenerStoppingAndASecondInstanceJoiningAndLeavingLoseAndDoubleNothing() throws Exception {
        String sku = "REBALANCE";
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of(sku), 3_000));

        // paced so the requests keep coming while the listener stops and the second instance comes and goes
        Set<ReservationId> ids = submitInBackground(sku, 4_000, Duration.ofMillis(5));
        awaitDecided(sku, 500, Duration.ofMinutes(1));
        reservationRequestListenerContainer.stop();
        long whileStopped = decided(sku);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> decided(sku) == whileStopped);
        reservationRequestListenerContainer.start();

        awaitDecided(sku, Math.min(whileStopped + 500, 4_000), Duration.ofMinutes(1));
        try (ConfigurableApplicationContext second = TestServers.anotherInstance(environment)) {
            awaitDecided(sku, Math.min(decided(sku) + 500, 4_000), Duration.ofMinutes(1));
        }
        awaitDecided(sku, 4_000, Duration.ofMinutes(3));

        assertThat(statusCounts(sku)).containsEntry("RESERVED", 3_000L).containsEntry("REJECTED", 1_000L);
        assertGuarantees(sku, ids);
    }

    /** Submits through the service's own producer from four threads; returns the ids, known once all are sent. */
    private Set<ReservationId> submitInBackground(String sku, int count, Duration pause) throws Exception {
        Set<ReservationId> ids = ConcurrentHashMap.newKeySet();
        List<Future<?>> sending = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            sending.add(producers.submit(() -> {
                for (int i = 0; i < count / 4; i++) {
                    var request = new ReservationRequest(ReservationId.generate(), "buyer-" + i,
                            List.of(ReservationLine.of(sku, 1)), Duration.ofMinutes(10));
                    ids.add(request.id());
                    intake.submit(request);
                    sent.incrementAndGet();
                    LockSupport.parkNanos(pause.toNanos()); // paces the load so faults land mid-run
                }
                return null;
            }));
        }
        producers.submit(() -> {
            for (Future<?> send : sending) {
                send.get(5, TimeUnit.MINUTES);
            }
            return null;
        });
        return ids;
    }

    private void awaitDecided(String sku, long atLeast, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> decided(sku) >= atLeast);
    }

    private long decided(String sku) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id
                        WHERE l.sku = ? AND r.status <> 'PENDING'""")
                .param(sku).query(Long.class).single();
    }

    private Map<String, Long> statusCounts(String sku) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT r.status, COUNT(*) AS n FROM reservation r
                        JOIN reservation_line l ON l.reservation_id = r.id WHERE l.sku = ? GROUP BY r.status""")
                .param(sku)
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }

    private void assertGuarantees(String sku, Set<ReservationId> ids) {
        assertThat(ids).hasSize((int) decided(sku));
        var invariants = new StockInvariants(jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
        assertThat(invariants.eventViolations()).isEmpty();
        Set<String> wanted = new HashSet<>();
        ids.forEach(id -> wanted.add(id.toString()));
        try (var events = new TopicReader(settings.eventsTopic())) {
            await().atMost(Duration.ofMinutes(1)).until(() -> outcomesByRequest(events.records(), wanted).size()
                    == wanted.size());
            Map<String, Set<String>> outcomes = outcomesByRequest(events.records(), wanted);
            assertThat(outcomes.values()).as("distinct events per request after dedupe by event id")
                    .allMatch(eventIds -> eventIds.size() == 1);
        }
        assertThat(deadLettersFor(wanted)).as("nothing of this run was dead-lettered").isZero();
    }

    private static Map<String, Set<String>> outcomesByRequest(List<ConsumerRecord<String, String>> events,
                                                              Set<String> wanted) {
        Map<String, Set<String>> byRequest = new HashMap<>();
        for (var event : events) {
            if (wanted.contains(event.key())) {
                byRequest.computeIfAbsent(event.key(), key -> new HashSet<>())
                        .add(new String(event.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
            }
        }
        return byRequest;
    }

    private long deadLettersFor(Set<String> wanted) {
        try (var deadLetters = new TopicReader(settings.deadLetterTopic())) {
            return deadLetters.records().stream()
                    .filter(letter -> letter.value() != null && wanted.stream().anyMatch(letter.value()::contains))
                    .count();
        }
    }
}
