package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.kafka.request.DeadLetterPolicy;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.ConfirmReservation;
import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ReleaseReservation;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Finished reservations are deleted after their retention, in batches; what is still held is not, the ledger stays
 * whole, the invariants hold across it, and a request id whose reservation is gone is still never applied twice.
 */
@SpringBootTest(properties = {"stocklock.background.finished-kept=1s", "stocklock.background.retention-period=300ms",
        "stocklock.background.retention-batch-size=7", "stocklock.kafka.relay-interval=100ms"})
@ContextConfiguration(initializers = TestServers.class)
class RetentionTest {

    @Autowired
    ManageStock manageStock;
    @Autowired
    ProcessReservations processReservations;
    @Autowired
    ConfirmReservation confirmReservation;
    @Autowired
    ReleaseReservation releaseReservation;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry registry;
    @Autowired
    KafkaSettings settings;

    @Test
    void finishedReservationsGoAndEverythingElseStaysRight() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("RET"), 30));
        List<ReservationRequest> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(new ReservationRequest(ReservationId.generate(), "owner-" + (i % 10),
                    List.of(ReservationLine.of("RET", 1)), Duration.ofMinutes(10)));
        }
        processReservations.process(new ProcessReservationsCommand(requests)); // 30 reserved, 10 rejected
        List<ReservationRequest> confirmed = requests.subList(0, 10);
        List<ReservationRequest> released = requests.subList(10, 20);
        List<ReservationRequest> held = requests.subList(20, 30);
        confirmed.forEach(request -> confirmReservation.confirm(new ConfirmReservationCommand(request.id())));
        released.forEach(request -> releaseReservation.release(new ReleaseReservationCommand(request.id())));

        // retention first runs 30 s after the start, then rests between its batches (retention-busy-share)
        await().atMost(Duration.ofSeconds(60)).until(() -> count("reservation r JOIN reservation_line l "
                + "ON l.reservation_id = r.id WHERE l.sku = 'RET'") == held.size());

        assertThat(count("reservation r JOIN reservation_line l ON l.reservation_id = r.id "
                + "WHERE l.sku = 'RET' AND r.status = 'RESERVED'")).isEqualTo(held.size());
        assertThat(count("stock_movement WHERE sku = 'RET'")).as("the ledger is kept whole")
                .isEqualTo(1 + 30 + 10 + 10);
        var invariants = new StockInvariants(jdbc);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
        assertThat(invariants.eventViolations()).isEmpty();
        assertThat(invariants.holdingViolations()).isEmpty();
        assertThat(registry.get("stocklock.retention.deleted").counter().count()).isGreaterThanOrEqualTo(30);

        // the id of a reservation that is gone names a new request (an Idempotency-Key is remembered as long as its
        // reservation): decided afresh, its movements filed apart from the first one's, each step once
        processReservations.process(new ProcessReservationsCommand(List.of(confirmed.get(0))));
        assertThat(count("reservation WHERE id = '" + confirmed.get(0).id() + "' AND status = 'RESERVED'")).isOne();
        assertThat(jdbc.sql("SELECT on_hand - reserved FROM inventory WHERE sku = 'RET'").query(Long.class)
                .single()).isEqualTo(30 - 10 - 10 - 1);
        assertThat(count("(SELECT DISTINCT filed_at FROM stock_movement WHERE reservation_id = '"
                + confirmed.get(0).id() + "') f")).isEqualTo(2);
        assertThat(invariants.stockViolations()).isEmpty();
        assertThat(invariants.applyViolations()).isEmpty();
    }

    /**
     * A request record delivered again (its consumer group's offsets lost or reset, say) after its reservation was
     * deleted: deciding it afresh would apply it a second time, here at the other location, where the ledger's
     * once-per-(reservation, SKU, location) index does not see it. It is dead-lettered with the reason, once.
     */
    @Test
    void aRequestDeliveredAgainAfterItsReservationWasDeletedIsNotAppliedAgain() throws Exception {
        Sku sku = Sku.of("RET-AGAIN");
        manageStock.saveLocation(new Location(LocationId.of("north"), "North", 1));
        manageStock.saveLocation(new Location(LocationId.of("south"), "South", 2));
        manageStock.create(new ManageStock.CreateStockCommand(sku, LocationId.of("north"), 1, 0));
        manageStock.create(new ManageStock.CreateStockCommand(sku, LocationId.of("south"), 1, 0));
        ReservationId id = ReservationId.generate();
        long sentAt = System.currentTimeMillis();
        processReservations.process(new ProcessReservationsCommand(List.of(new ReservationRequest(id, "again",
                List.of(ReservationLine.of(sku.value(), 1)), Duration.ofMinutes(10)))));
        confirmReservation.confirm(new ConfirmReservationCommand(id));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("reservation WHERE id = '" + id + "'") == 0);
        long movements = count("stock_movement WHERE reservation_id = '" + id + "'");

        String request = KafkaIntakeTest.request(id.toString(), "again", 600, KafkaIntakeTest.line(sku.value(), 1));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                "all"), new StringSerializer(), new StringSerializer());
             var deadLetters = new TopicReader(settings.deadLetterTopic())) {
            // the request's record, as the broker would deliver it again: its timestamp is when it was sent
            producer.send(new ProducerRecord<>(settings.requestsTopic(), null, sentAt, sku.value(), request))
                    .get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.records().stream()
                    .anyMatch(letter -> letter.value().contains(id.toString())));
            var letter = deadLetters.records().stream().filter(each -> each.value().contains(id.toString()))
                    .findFirst().orElseThrow();
            assertThat(new String(letter.headers().lastHeader(DeadLetterPolicy.REASON_HEADER).value(),
                    StandardCharsets.UTF_8)).contains("longer ago than finished reservations are kept (PT1S)",
                    "may have been taken and forgotten");
        }
        assertThat(count("reservation WHERE id = '" + id + "'")).as("not decided again").isZero();
        assertThat(count("stock_movement WHERE reservation_id = '" + id + "'")).isEqualTo(movements);
        assertThat(jdbc.sql("SELECT sum(on_hand), sum(reserved) FROM inventory WHERE sku = ?").param(sku.value())
                .query((rows, n) -> List.of(rows.getLong(1), rows.getLong(2))).single())
                .as("one unit sold, none held").containsExactly(1L, 0L);
    }

    private long count(String from) {
        return jdbc.sql("SELECT count(*) FROM " + from).query(Long.class).single();
    }
}
