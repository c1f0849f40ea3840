package io.stocklock.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.stocklock.adapters.kafka.event.OutcomeEventMessage;
import io.stocklock.adapters.kafka.request.InvalidRequestException;
import io.stocklock.adapters.kafka.request.ReservationRequestDeserializer;
import io.stocklock.adapters.kafka.request.ReservationRequestMessage;
import io.stocklock.domain.RequestLimit;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The messages the adapter really writes and reads, checked against the JSON Schemas published in docs/schemas. */
class MessageContractTest {

    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");

    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonValueSerializer serializer = new JsonValueSerializer();
    private final ReservationRequestDeserializer deserializer =
            new ReservationRequestDeserializer(Duration.ofMinutes(15));

    /** Two lines, one of which accepts 1 of 2 units, served from two locations at most by most in stock. */
    private final ReservationRequest request = new ReservationRequest(ReservationId.generate(), "alice",
            List.of(new ReservationLine(Sku.of("TICKET-GA"), Quantity.of(2), Quantity.of(1)),
                    ReservationLine.of("PARKING", 1)), Duration.ofMinutes(10),
            Optional.of(new Placement(Optional.empty(), Placement.Order.MOST_IN_STOCK, true)));

    @Test
    void aSerializedRequestMatchesItsSchemaAndReadsBackAsTheSameRequest() throws IOException {
        byte[] bytes = serializer.serialize("t", ReservationRequestMessage.from(request, Instant.now()));

        assertThat(errors("reservation-request.schema.json", bytes)).isEmpty();
        assertThat(deserializer.deserialize("t", bytes)).isEqualTo(request);
    }

    @Test
    void everyKindOfSerializedEventMatchesItsSchema() throws IOException {
        for (ReservationStatus type : ReservationStatus.values()) {
            if (type == ReservationStatus.PENDING) {
                continue; // no event reports a pending request
            }
            boolean rejected = type == ReservationStatus.REJECTED;
            var event = new OutcomeEvent(UUID.randomUUID(), type, request.id(), "alice", request.lines(),
                    Picks.of(type), Instant.now(), Optional.of(Instant.now().plusSeconds(600)),
                    rejected ? Optional.of("unknown SKU X") : Optional.empty(),
                    rejected ? Optional.of(RejectionCode.UNKNOWN_SKU) : Optional.empty());

            assertThat(errors("reservation-event.schema.json", serializer.serialize("t", OutcomeEventMessage.from(event))))
                    .as(type.name()).isEmpty();
        }
        var failedOnArrival = new OutcomeEvent(UUID.randomUUID(), ReservationStatus.FAILED, request.id(), "unknown",
                List.of(), List.of(), Instant.now(), Optional.empty(), Optional.of("not JSON"), Optional.empty());
        assertThat(errors("reservation-event.schema.json",
                serializer.serialize("t", OutcomeEventMessage.from(failedOnArrival)))).isEmpty();
    }

    @Test
    void everyRejectionCodeIsNamedOnTheEventAsTheSchemaAllows() throws IOException {
        for (RejectionCode code : RejectionCode.values()) {
            var event = new OutcomeEvent(UUID.randomUUID(), ReservationStatus.REJECTED, request.id(), "alice",
                    request.lines(), List.of(), Instant.now(), Optional.empty(), Optional.of("refused"),
                    Optional.of(code));
            OutcomeEventMessage message = OutcomeEventMessage.from(event);

            assertThat(message.rejection()).as(code.name()).isNotBlank();
            assertThat(errors("reservation-event.schema.json", serializer.serialize("t", message))).as(code.name())
                    .isEmpty();
        }
    }

    @Test
    void theSchemaRejectsWhatTheDeserializerRejects() throws IOException {
        byte[] zero = ("{\"schemaVersion\":1,\"requestId\":\"" + request.id()
                + "\",\"owner\":\"a\",\"lines\":[{\"sku\":\"A\",\"quantity\":0}]}").getBytes(StandardCharsets.UTF_8);

        assertThat(errors("reservation-request.schema.json", zero)).isNotEmpty();
        assertThatThrownBy(() -> deserializer.deserialize("t", zero)).isInstanceOfSatisfying(
                InvalidRequestException.class, invalid -> {
                    assertThat(invalid.requestId()).isEqualTo(request.id().toString());
                    assertThat(invalid.getMessage()).contains("quantity must be between 1 and");
                });
        for (String wrong : List.of("\"placement\":{\"order\":\"nearest\"}", "\"placement\":{\"warehouse\":\"x\"}",
                "\"placement\":{\"location\":\"a/b\"}")) {
            byte[] bytes = ("{\"schemaVersion\":1,\"requestId\":\"" + request.id() + "\",\"owner\":\"a\","
                    + "\"lines\":[{\"sku\":\"A\",\"quantity\":1}]," + wrong + "}").getBytes(StandardCharsets.UTF_8);
            assertThat(errors("reservation-request.schema.json", bytes)).as(wrong).isNotEmpty();
            assertThatThrownBy(() -> deserializer.deserialize("t", bytes)).as(wrong)
                    .isInstanceOf(InvalidRequestException.class);
        }
        byte[] minimumAboveQuantity = ("{\"schemaVersion\":1,\"requestId\":\"" + request.id() + "\",\"owner\":\"a\","
                + "\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"minimum\":2}]}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize("t", minimumAboveQuantity)).isInstanceOfSatisfying(
                InvalidRequestException.class, invalid -> assertThat(invalid.getMessage()).contains("minimum"));
    }

    @Test
    void theIdOfAnUnreadableRequestIsRecoveredWhenItCanBe() {
        String truncated = "{\"schemaVersion\":1,\"requestId\":\"" + request.id() + "\",\"owner\":\"bob\",\"lin";

        assertThatThrownBy(() -> deserializer.deserialize("t", truncated.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> {
                    assertThat(invalid.requestId()).isEqualTo(request.id().toString());
                    assertThat(invalid.owner()).isEqualTo("bob");
                    assertThat(invalid.failTheRequest()).isTrue();
                });
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    /** The published schema's limits are the contract's, from the one table of them. */
    @Test
    void theSchemaStatesTheLimitsOfTheContract() throws IOException {
        JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(SCHEMAS.resolve(
                "reservation-request.schema.json")));
        JsonNode properties = schema.get("properties");
        JsonNode line = properties.get("lines").get("items").get("properties");

        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(properties.get("lines").get("items").get("additionalProperties").asBoolean()).isFalse();
        assertThat(properties.get("schemaVersion").get("const").asInt()).isEqualTo(RequestLimit.SCHEMA_VERSION);
        assertThat(line.get("sku").get("pattern").asString()).isEqualTo("^" + RequestLimit.SKU_PATTERN + "$");
        assertRange(line.get("sku"), "minLength", "maxLength", RequestLimit.SKU_LENGTH);
        assertRange(line.get("quantity"), "minimum", "maximum", RequestLimit.QUANTITY);
        assertRange(properties.get("owner"), "minLength", "maxLength", RequestLimit.OWNER_LENGTH);
        assertRange(properties.get("lines"), "minItems", "maxItems", RequestLimit.LINES);
        assertRange(properties.get("holdSeconds"), "minimum", "maximum", RequestLimit.HOLD_SECONDS);
        assertThat(line.get("quantity").get("type").asString()).isEqualTo("integer");
        assertThat(properties.get("holdSeconds").get("type").asString()).isEqualTo("integer");
    }

    private static void assertRange(JsonNode property, String min, String max, RequestLimit limit) {
        assertThat(property.get(min).asLong()).as(limit + " " + min).isEqualTo(limit.min());
        assertThat(property.get(max).asLong()).as(limit + " " + max).isEqualTo(limit.max());
    }

    private static List<String> errors(String schemaFile, byte[] message) throws IOException {
        Schema schema;
        try (InputStream in = Files.newInputStream(SCHEMAS.resolve(schemaFile))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        return schema.validate(JsonMapper.builder().build().readTree(message)).stream()
                .map(Object::toString).toList();
    }
}
