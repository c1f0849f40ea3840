package io.stocklock.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.stocklock.adapters.kafka.event.KafkaOutcomePublisher;
import io.stocklock.adapters.kafka.event.KafkaStockLevelPublisher;
import io.stocklock.adapters.kafka.request.DeadLetterPolicy;
import io.stocklock.adapters.kafka.request.KafkaRequestIntake;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevelEvent;
import io.stocklock.testsupport.TestKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/asyncapi.yaml, parsed: its channels are the adapter's default topics, its examples conform to the schemas it
 * names, and the records the adapter really writes to a real broker (requests and every kind of event, with their
 * CloudEvents headers) conform to the payload and header schemas of their channel's message.
 */
class AsyncApiDocumentTest {

    private static final Path DOCS = Path.of("..", "docs");

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Object> document = load();
    private final KafkaSettings defaults = Binder.get(new org.springframework.core.env.StandardEnvironment())
            .bindOrCreate("stocklock.kafka", KafkaSettings.class);

    @Test
    void theChannelsAreTheTopicsTheAdapterUses() {
        assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(address("reservationRequests")).isEqualTo(defaults.requestsTopic());
        assertThat(address("reservationEvents")).isEqualTo(defaults.eventsTopic());
        assertThat(address("reservationDeadLetters")).isEqualTo(defaults.deadLetterTopic());
        assertThat(address("stockLevels")).isEqualTo(defaults.stockLevelsTopic());
        assertThat(map(map(message("deadLetter").get("headers")).get("properties")))
                .containsKey(DeadLetterPolicy.REASON_HEADER);
        assertThat(map(channel("reservationEvents")).get("description").toString())
                .as("the ordering guarantees for the events of one reservation")
                .contains("Ordering for one reservation");
    }

    @Test
    void everyExampleConformsToTheSchemaOfItsMessage() {
        for (String name : List.of("reservationRequest", "reservationEvent", "stockLevelEvent")) {
            Schema payload = payloadSchema(name);
            List<?> examples = (List<?>) message(name).get("examples");
            assertThat(examples).as(name + " examples").isNotEmpty();
            for (Object example : examples) {
                JsonNode value = json.valueToTree(map(example).get("payload"));
                assertThat(payload.validate(value)).as(name + " example " + map(example).get("name")).isEmpty();
            }
        }
    }

    @Test
    void whatTheAdapterWritesToABrokerConformsToTheDocument() throws Exception {
        String suffix = UUID.randomUUID().toString();
        String requests = "asyncapi-" + suffix + ".requests";
        String events = "asyncapi-" + suffix + ".events";
        String levels = "asyncapi-" + suffix + ".levels";
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(requests, 1, (short) 1), new NewTopic(events, 1, (short) 1),
                    new NewTopic(levels, 1, (short) 1))).all().get();
        }
        var producer = new DefaultKafkaProducerFactory<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonValueSerializer.class));
        var kafka = new KafkaTemplate<>(producer);
        var request = new ReservationRequest(ReservationId.generate(), "alice",
                List.of(ReservationLine.of("TICKET-GA", 2), ReservationLine.of("PARKING", 1)), Duration.ofMinutes(10));
        new KafkaRequestIntake(kafka, requests, Clock.systemUTC()).submit(request).get();
        List<OutcomeEvent> outcomes = new ArrayList<>();
        for (ReservationStatus type : ReservationStatus.values()) {
            if (type != ReservationStatus.PENDING) {
                boolean rejected = type == ReservationStatus.REJECTED;
                outcomes.add(new OutcomeEvent(UUID.randomUUID(), type, request.id(), "alice", request.lines(),
                        Picks.of(type), Instant.now(), Optional.of(Instant.now().plusSeconds(600)),
                        rejected ? Optional.of("insufficient stock") : Optional.empty(),
                        rejected ? Optional.of(RejectionCode.INSUFFICIENT_STOCK) : Optional.empty()));
            }
        }
        new KafkaOutcomePublisher(kafka, events, Duration.ofSeconds(10)).publish(outcomes);
        List<StockLevelEvent> crossings = Arrays.stream(StockLevelEvent.Kind.values())
                .map(kind -> new StockLevelEvent(UUID.randomUUID(), Sku.of("TICKET-GA"), kind, 0, 5, Instant.now()))
                .toList();
        new KafkaStockLevelPublisher(kafka, levels, Duration.ofSeconds(10)).publish(crossings);
        producer.destroy();

        List<ConsumerRecord<String, byte[]>> written = readAll(requests, 1);
        assertThat(written).hasSize(1);
        assertThat(payloadSchema("reservationRequest").validate(json.readTree(written.get(0).value()))).isEmpty();

        written = readAll(events, outcomes.size());
        assertThat(written).hasSize(outcomes.size());
        Schema payload = payloadSchema("reservationEvent");
        Schema headers = schema(json.valueToTree(message("reservationEvent").get("headers")));
        for (ConsumerRecord<String, byte[]> event : written) {
            assertThat(payload.validate(json.readTree(event.value()))).as("event payload").isEmpty();
            Map<String, String> named = new LinkedHashMap<>();
            for (Header header : event.headers()) {
                named.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            assertThat(headers.validate(json.valueToTree(named))).as("event headers " + named).isEmpty();
            assertThat(event.key()).as("keyed by request id").isEqualTo(request.id().toString());
        }

        written = readAll(levels, crossings.size());
        assertThat(written).extracting(ConsumerRecord::key).as("keyed by SKU, in order")
                .containsOnly("TICKET-GA").hasSize(crossings.size());
        assertThat(written).extracting(record -> json.readTree(record.value()).get("eventId").asText())
                .containsExactlyElementsOf(crossings.stream().map(event -> event.eventId().toString()).toList());
        payload = payloadSchema("stockLevelEvent");
        headers = schema(json.valueToTree(message("stockLevelEvent").get("headers")));
        for (ConsumerRecord<String, byte[]> event : written) {
            assertThat(payload.validate(json.readTree(event.value()))).as("stock-level payload").isEmpty();
            Map<String, String> named = new LinkedHashMap<>();
            for (Header header : event.headers()) {
                named.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            assertThat(headers.validate(json.valueToTree(named))).as("stock-level headers " + named).isEmpty();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "asyncapi-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private Schema payloadSchema(String message) {
        String ref = map(message(message).get("payload")).get("$ref").toString();
        try {
            return schema(json.readTree(Files.readString(DOCS.resolve(ref).normalize())));
        } catch (IOException e) {
            throw new AssertionError("asyncapi.yaml names a schema that cannot be read: " + ref, e);
        }
    }

    private static Schema schema(JsonNode schema) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
    }

    private String address(String channel) {
        return map(channel(channel)).get("address").toString();
    }

    private Object channel(String name) {
        return map(document.get("channels")).get(name);
    }

    private Map<String, Object> message(String name) {
        return map(map(map(document.get("components")).get("messages")).get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).as("a mapping in asyncapi.yaml").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> load() {
        try {
            return new Yaml().load(Files.readString(DOCS.resolve("asyncapi.yaml")));
        } catch (IOException e) {
            throw new AssertionError("docs/asyncapi.yaml cannot be read", e);
        }
    }
}
