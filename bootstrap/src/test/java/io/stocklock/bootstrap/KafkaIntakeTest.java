package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.domain.stock.SkuStock;
import io.stocklock.adapters.kafka.request.DeadLetterPolicy;
import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import io.stocklock.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Requests produced to the request topic by an outside producer, decided, and reported on the events topic. */
@SpringBootTest
@ContextConfiguration(initializers = TestServers.class)
class KafkaIntakeTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaIntakeTest.class);

    @Autowired
    KafkaSettings settings;
    @Autowired
    ManageStock manageStock;
    @Autowired
    GetReservation getReservation;
    @Autowired
    GetStock getStock;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void externalProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void singleAndMultiLineRequestsAreDecidedAndReportedOnce() throws Exception {
        stock("KF-A", 5);
        stock("KF-B", 1);
        String single = UUID.randomUUID().toString();
        String multi = UUID.randomUUID().toString();
        String tooMuch = UUID.randomUUID().toString();
        send("KF-A", request(single, "alice", 120, line("KF-A", 2)));
        send("KF-A", request(multi, "bob", null, line("KF-B", 1), line("KF-A", 1)));
        send("KF-A", request(tooMuch, "carol", 60, line("KF-A", 3)));

        try (var events = new TopicReader(settings.eventsTopic())) {
            var ours = List.of(single, multi, tooMuch);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.records().stream()
                    .filter(event -> ours.contains(event.key())).count() >= 3);
            List<ConsumerRecord<String, String>> received = events.records().stream()
                    .filter(event -> ours.contains(event.key())).toList();
            Map<String, ConsumerRecord<String, String>> byRequest = new LinkedHashMap<>();
            received.forEach(event -> byRequest.put(event.key(), event));

            assertThat(received).as("one event per request").hasSize(3);
            assertThat(byRequest).containsOnlyKeys(single, multi, tooMuch);
            assertThat(byRequest.get(single).value())
                    .contains("\"type\":\"ReservationReserved\"", "\"owner\":\"alice\"",
                            "\"lines\":[{\"sku\":\"KF-A\",\"quantity\":2,\"minimum\":null,\"granted\":2,\"backordered\":0,"
                                    + "\"locations\":[{\"location\":\"default\",\"units\":2,\"backordered\":0}]}]", "\"expiresAt\":\"");
            assertThat(byRequest.get(multi).value())
                    .contains("{\"sku\":\"KF-A\",\"quantity\":1,\"minimum\":null,\"granted\":1,\"backordered\":0,")
                    .contains("{\"sku\":\"KF-B\",\"quantity\":1,\"minimum\":null,\"granted\":1,\"backordered\":0,");
            assertThat(byRequest.get(tooMuch).value()).contains("\"type\":\"ReservationRejected\"",
                    "\"reason\":\"insufficient stock of KF-A: requested 3, available 2\"");
            var reserved = byRequest.get(single);
            assertThat(header(reserved, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(reserved, "ce_type")).isEqualTo("io.stocklock.ReservationReserved");
            assertThat(header(reserved, "ce_subject")).isEqualTo(single);
            assertThat(reserved.value()).contains("\"eventId\":\"" + header(reserved, "ce_id") + "\"");
        }
        Reservation held = getReservation.get(ReservationId.parse(multi)).orElseThrow();
        assertThat(held.holdFor()).isEqualTo(settings.defaultHold());
        assertThat(getStock.find(Sku.of("KF-A"))).contains(SkuStock.of(new StockLevel(Sku.of("KF-A"), 5, 3)));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndNothingElseIsLost() throws Exception {
        stock("KF-P", 100);
        String original = UUID.randomUUID().toString();
        String truncatedId = UUID.randomUUID().toString();
        String zeroId = UUID.randomUUID().toString();
        String negativeId = UUID.randomUUID().toString();
        String noLinesId = UUID.randomUUID().toString();
        String unknownSkuId = UUID.randomUUID().toString();
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put("not JSON", "this is not json");
        poison.put("truncated JSON", request(truncatedId, "dave", 60, line("KF-P", 1)).substring(0, 70));
        poison.put("wrong types", "{\"schemaVersion\":1,\"requestId\":\"" + UUID.randomUUID()
                + "\",\"owner\":\"x\",\"lines\":[{\"sku\":\"KF-P\",\"quantity\":\"lots\"}]}");
        poison.put("tombstone", null);
        poison.put("oversize", request(UUID.randomUUID().toString(), "x".repeat(70_000), 60, line("KF-P", 1)));
        poison.put("zero quantity", request(zeroId, "erin", 60, line("KF-P", 0)));
        poison.put("negative quantity", request(negativeId, "erin", 60, line("KF-P", -3)));
        poison.put("overflowing quantity", request(UUID.randomUUID().toString(), "erin", 60,
                "{\"sku\":\"KF-P\",\"quantity\":123456789012345678901234567890}"));
        poison.put("no lines", request(noLinesId, "erin", 60));
        poison.put("same id, different payload", request(original, "frank", 60, line("KF-P", 7)));

        List<String> good = new ArrayList<>();
        String first = request(original, "frank", 60, line("KF-P", 1));
        send("KF-P", first);
        for (var entry : poison.entrySet()) {
            String id = UUID.randomUUID().toString();
            good.add(id);
            send("KF-P", request(id, "grace", 60, line("KF-P", 1)));
            send("KF-P", entry.getValue());
        }
        send("KF-P", request(unknownSkuId, "heidi", 60, line("NO-SUCH-SKU", 1)));

        try (var deadLetters = new TopicReader(settings.deadLetterTopic())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.records().size() >= poison.size());
            List<String> reasons = deadLetters.records().stream()
                    .map(letter -> header(letter, DeadLetterPolicy.REASON_HEADER)).toList();
            log.info("dead letters and their reasons: {}", reasons);
            assertThat(reasons).hasSize(poison.size());
            assertThat(reasons).anyMatch(reason -> reason.startsWith("not a readable request"))
                    .anyMatch(reason -> reason.startsWith("tombstone"))
                    .anyMatch(reason -> reason.startsWith("oversize"))
                    .anyMatch(reason -> reason.contains("quantity must be between 1 and"))
                    .anyMatch(reason -> reason.contains("needs 1-100 lines"))
                    .anyMatch(reason -> reason.startsWith("conflict: request " + original));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> getReservation.get(ReservationId.parse(unknownSkuId))
                .map(reservation -> reservation.status().isDecided()).orElse(false));

        for (String id : good) {
            assertThat(status(id)).as("good request " + id).contains(ReservationStatus.RESERVED);
        }
        assertThat(status(original)).contains(ReservationStatus.RESERVED);
        assertThat(getReservation.get(ReservationId.parse(original)).orElseThrow().owner()).isEqualTo("frank");
        assertThat(getReservation.get(ReservationId.parse(unknownSkuId)).orElseThrow().reason())
                .contains("unknown SKU NO-SUCH-SKU");
        for (String failedId : List.of(truncatedId, zeroId, negativeId, noLinesId)) {
            Reservation failed = getReservation.get(ReservationId.parse(failedId)).orElseThrow();
            assertThat(failed.status()).as(failedId).isEqualTo(ReservationStatus.FAILED);
            assertThat(failed.reason()).isPresent();
        }
        assertThat(getStock.find(Sku.of("KF-P")).orElseThrow().reserved()).isEqualTo(good.size() + 1);
    }

    private Optional<ReservationStatus> status(String id) {
        return getReservation.get(ReservationId.parse(id)).map(Reservation::status);
    }

    private void stock(String sku, long onHand) {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of(sku), onHand));
    }

    private void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(settings.requestsTopic(), key, value)).get(10, TimeUnit.SECONDS);
    }

    static String request(String id, String owner, Integer holdSeconds, String... lines) {
        return "{\"schemaVersion\":1,\"requestId\":\"" + id + "\",\"owner\":\"" + owner + "\",\"lines\":["
                + String.join(",", lines) + "]" + (holdSeconds == null ? "" : ",\"holdSeconds\":" + holdSeconds)
                + ",\"submittedAt\":\"2026-11-25T10:00:00Z\"}";
    }

    static String line(String sku, long quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
