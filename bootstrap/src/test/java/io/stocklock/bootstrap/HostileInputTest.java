package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import io.stocklock.adapters.kafka.request.DeadLetterPolicy;
import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestKafka;
import io.stocklock.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * What a hostile client throws at both intakes, each input on its own: HTTP bodies, headers and paths get their
 * documented problem type (never a 500, never a Java name in the detail), Kafka records a dead letter with a reason
 * or a rejection with one, nothing is reserved by any of them, and the request partition keeps moving.
 */
// the actuator on the API's port, so that its refusals are probed with the rest (ManagementPortTest: its own port)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=")
@ContextConfiguration(initializers = TestServers.class)
class HostileInputTest {

    private static final String SKU = "HOSTILE";
    private static final String KAFKA_SKU = "HOSTILE-K";
    private static final String WRITER = TestTokens.bearer("hostile", TestTokens.ALL_SCOPES);
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\":\"https://stocklock.io/problems/([a-z-]+)\"");

    /** One hostile HTTP input and what it must be answered; {@code type} null where no body is answered (HEAD). */
    record Http(String name, String method, String path, Map<String, String> headers, String body, int status,
                String type) {
    }

    /** One hostile request record; {@code deadLetter} false where it is valid JSON to be rejected with a reason. */
    record Kafka(String name, String value, boolean deadLetter) {
    }

    @LocalServerPort
    int port;
    @Autowired
    ManageStock manageStock;
    @Autowired
    KafkaSettings settings;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyHostileInputGetsItsDocumentedAnswerAndNothingIsReserved() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of(SKU), 1_000_000));
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of(KAFKA_SKU), 1_000_000));
        List<Http> httpInputs = httpInputs();
        List<Kafka> kafkaInputs = kafkaInputs();
        assertThat(httpInputs.size() + kafkaInputs.size()).isGreaterThanOrEqualTo(60);

        List<String> wrong = new ArrayList<>();
        for (Http input : httpInputs) {
            HttpResponse<String> response = http.send(request(input), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            Matcher problem = PROBLEM_TYPE.matcher(body);
            String type = problem.find() ? problem.group(1) : null;
            boolean leaks = body.contains("io.stocklock") || body.contains("java.") || body.contains("tools.jackson")
                    || body.contains("springframework");
            if (response.statusCode() != input.status() || (input.type() != null && !input.type().equals(type))
                    || leaks || response.statusCode() >= 500) {
                wrong.add(input.name() + ": expected " + input.status() + " " + input.type() + ", was "
                        + response.statusCode() + " " + body);
            }
        }
        assertThat(wrong).as("HTTP inputs answered otherwise than documented").isEmpty();

        String sentinel = UUID.randomUUID().toString();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new StringSerializer());
             var deadLetters = new TopicReader(settings.deadLetterTopic())) {
            int before = deadLetters.records().size();
            for (Kafka input : kafkaInputs) {
                producer.send(new ProducerRecord<>(settings.requestsTopic(), KAFKA_SKU, input.value()))
                        .get(10, TimeUnit.SECONDS);
            }
            // after them on the same partition: decided only if the partition kept moving past every one
            producer.send(new ProducerRecord<>(settings.requestsTopic(), KAFKA_SKU,
                    record(sentinel, "\"owner\":\"sentinel\"", line(KAFKA_SKU, "1")))).get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(60)).until(() -> "RESERVED".equals(status(sentinel)));
            long expected = kafkaInputs.stream().filter(Kafka::deadLetter).count();
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.records().size() - before >= expected);
            List<String> reasons = deadLetters.records().stream().skip(before)
                    .map(letter -> header(letter.headers().lastHeader(DeadLetterPolicy.REASON_HEADER))).toList();
            assertThat(reasons).hasSize((int) expected).allSatisfy(reason -> assertThat(reason).isNotBlank()
                    .doesNotContain("io.stocklock", "java.", "tools.jackson"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM reservation WHERE owner LIKE 'rejected-%' AND status = 'REJECTED'"
                + " AND reason IS NOT NULL").query(Long.class).single())
                .isEqualTo(kafkaInputs.stream().filter(input -> !input.deadLetter()).count());

        assertThat(reserved(SKU)).as("reserved by hostile HTTP inputs").isZero();
        assertThat(reserved(KAFKA_SKU)).as("reserved by hostile records: only the sentinel").isEqualTo(1);
    }

    private List<Http> httpInputs() {
        List<Http> inputs = new ArrayList<>();
        Map<String, String> json = Map.of("Authorization", WRITER, "Content-Type", "application/json");
        String good = "{\"lines\":[" + line(SKU, "1") + "]}";
        String[][] bodies = {
                {"fractional quantity", "{\"lines\":[" + line(SKU, "1.5") + "]}", "400", "invalid-request"},
                {"exponent quantity", "{\"lines\":[" + line(SKU, "1e0") + "]}", "400", "invalid-request"},
                {"decimal-point quantity", "{\"lines\":[" + line(SKU, "1.0") + "]}", "400", "invalid-request"},
                {"string quantity", "{\"lines\":[" + line(SKU, "\"1\"") + "]}", "400", "invalid-request"},
                {"boolean quantity", "{\"lines\":[" + line(SKU, "true") + "]}", "400", "invalid-request"},
                {"null quantity", "{\"lines\":[" + line(SKU, "null") + "]}", "400", "invalid-request"},
                {"zero quantity", "{\"lines\":[" + line(SKU, "0") + "]}", "400", "invalid-request"},
                {"negative quantity", "{\"lines\":[" + line(SKU, "-1") + "]}", "400", "invalid-request"},
                {"quantity over the contract", "{\"lines\":[" + line(SKU, "1000000001") + "]}", "400",
                        "invalid-request"},
                {"quantity beyond a long", "{\"lines\":[" + line(SKU, "99999999999999999999") + "]}", "400",
                        "invalid-request"},
                {"quantity over the policy", "{\"lines\":[" + line(SKU, "1001") + "]}", "422", "quantity-limit"},
                {"units over the policy, summed", "{\"lines\":[" + line(SKU, "600") + "," + line(SKU, "401") + "]}",
                        "422", "quantity-limit"},
                {"fractional hold", "{\"lines\":[" + line(SKU, "1") + "],\"holdSeconds\":1.5}", "400",
                        "invalid-request"},
                {"string hold", "{\"lines\":[" + line(SKU, "1") + "],\"holdSeconds\":\"60\"}", "400",
                        "invalid-request"},
                {"zero hold", "{\"lines\":[" + line(SKU, "1") + "],\"holdSeconds\":0}", "400", "invalid-request"},
                {"hold over the contract", "{\"lines\":[" + line(SKU, "1") + "],\"holdSeconds\":604801}", "400",
                        "invalid-request"},
                {"hold over the policy", "{\"lines\":[" + line(SKU, "1") + "],\"holdSeconds\":7200}", "422",
                        "quantity-limit"},
                {"duplicate lines", "{\"lines\":[" + line(SKU, "1") + "],\"lines\":[" + line(SKU, "2") + "]}",
                        "400", "malformed-json"},
                {"duplicate sku in a line", "{\"lines\":[{\"sku\":\"" + SKU + "\",\"sku\":\"X\",\"quantity\":1}]}",
                        "400", "malformed-json"},
                {"JSON null", "null", "400", "malformed-json"},
                {"JSON array", "[]", "400", "malformed-json"},
                {"JSON string", "\"lines\"", "400", "malformed-json"},
                {"JSON number", "42", "400", "malformed-json"},
                {"empty object", "{}", "400", "invalid-request"},
                {"no lines", "{\"lines\":[]}", "400", "invalid-request"},
                {"null lines", "{\"lines\":null}", "400", "invalid-request"},
                {"null line", "{\"lines\":[null]}", "400", "invalid-request"},
                {"lines not an array", "{\"lines\":{\"sku\":\"" + SKU + "\",\"quantity\":1}}", "400",
                        "invalid-request"},
                {"101 lines", "{\"lines\":[" + IntStream.range(0, 101).mapToObj(i -> line("L" + i, "1"))
                        .collect(Collectors.joining(",")) + "]}", "400", "invalid-request"},
                {"an owner of its own", "{\"lines\":[" + line(SKU, "1") + "],\"owner\":\"victim\"}", "400",
                        "malformed-json"},
                {"a status in a line", "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1,\"status\":\"RESERVED\"}]}",
                        "400", "malformed-json"},
                {"sku with a slash", "{\"lines\":[" + line("a/b", "1") + "]}", "400", "invalid-request"},
                {"sku with a space", "{\"lines\":[" + line("a b", "1") + "]}", "400", "invalid-request"},
                {"sku of 65 characters", "{\"lines\":[" + line("a".repeat(65), "1") + "]}", "400", "invalid-request"},
                {"empty sku", "{\"lines\":[" + line("", "1") + "]}", "400", "invalid-request"},
                {"sku as a number", "{\"lines\":[{\"sku\":7,\"quantity\":1}]}", "400", "invalid-request"},
                {"sku with a control character", "{\"lines\":[" + line("a\\u0000b", "1") + "]}", "400",
                        "invalid-request"},
                {"trailing tokens", good + " {}", "400", "malformed-json"},
                {"not JSON", "hello", "400", "malformed-json"},
                {"truncated JSON", "{\"lines\":[", "400", "malformed-json"},
                {"empty body", "", "400", "malformed-json"},
                {"single-quoted JSON", "{'lines':[]}", "400", "malformed-json"},
                {"body over 64 KiB", "{\"lines\":[" + line(SKU, "1") + "],\"pad\":\"" + "x".repeat(70_000) + "\"}",
                        "413", "payload-too-large"},
        };
        for (String[] body : bodies) {
            inputs.add(new Http(body[0], "POST", "/reservations", json, body[1], Integer.parseInt(body[2]), body[3]));
        }
        inputs.add(new Http("text/plain body", "POST", "/reservations",
                Map.of("Authorization", WRITER, "Content-Type", "text/plain"), good, 415, "unsupported-media-type"));
        inputs.add(new Http("Idempotency-Key of 256 characters", "POST", "/reservations",
                with(json, "Idempotency-Key", "k".repeat(256)), good, 400, "invalid-request"));
        inputs.add(new Http("blank Idempotency-Key", "POST", "/reservations",
                with(json, "Idempotency-Key", " "), good, 400, "invalid-request"));
        inputs.add(new Http("no token", "POST", "/reservations", Map.of("Content-Type", "application/json"), good,
                401, "unauthorized"));
        inputs.add(new Http("token without exp", "POST", "/reservations", with(json, "Authorization",
                TestTokens.bearer(new JWTClaimsSet.Builder().subject("hostile").claim("scope", TestTokens.ALL_SCOPES)
                        .issueTime(new Date()), TestTokens.SECRET)), good, 401, "unauthorized"));
        inputs.add(new Http("expired token", "POST", "/reservations", with(json, "Authorization",
                TestTokens.bearer("hostile", TestTokens.ALL_SCOPES, Duration.ofMinutes(-5), TestTokens.SECRET)),
                good, 401, "unauthorized"));
        inputs.add(new Http("token signed with another secret", "POST", "/reservations", with(json, "Authorization",
                TestTokens.bearer("hostile", TestTokens.ALL_SCOPES, Duration.ofMinutes(5),
                        "another-secret-of-at-least-thirty-two-bytes")), good, 401, "unauthorized"));
        inputs.add(new Http("unsigned token (alg none)", "POST", "/reservations",
                with(json, "Authorization", "Bearer " + unsigned()), good, 401, "unauthorized"));
        inputs.add(new Http("token without the write scope", "POST", "/reservations", with(json, "Authorization",
                TestTokens.bearer("hostile", "reservations:read")), good, 403, "forbidden"));
        inputs.add(new Http("Prefer: wait with 30 digits", "POST", "/reservations",
                with(with(json, "Idempotency-Key", "hostile-wait"), "Prefer", "wait=" + "9".repeat(30)),
                "{\"lines\":[" + line("NO-SUCH-SKU", "1") + "]}",
                409, "unknown-sku-requested"));
        Map<String, String> reader = Map.of("Authorization", WRITER);
        inputs.add(new Http("reservation id not a UUID", "GET", "/reservations/not-a-uuid", reader, null, 400,
                "invalid-request"));
        inputs.add(new Http("someone's reservation id", "GET", "/reservations/" + UUID.randomUUID(), reader, null,
                404, "reservation-not-found"));
        inputs.add(new Http("HEAD without the read scope", "HEAD", "/reservations/" + UUID.randomUUID(),
                Map.of("Authorization", TestTokens.bearer("hostile", "reservations:write")), null, 403, null));
        inputs.add(new Http("SKU path with an encoded slash", "GET", "/inventory/a%2Fb", reader, null, 400, null));
        inputs.add(new Http("SKU path not a SKU", "GET", "/inventory/a;b", reader, null, 400, null));
        inputs.add(new Http("stock for a SKU with a slash", "POST", "/inventory", json,
                "{\"sku\":\"a/b\",\"onHand\":1}", 400, "invalid-request"));
        inputs.add(new Http("fractional on-hand", "POST", "/inventory", json,
                "{\"sku\":\"HOSTILE-NEW\",\"onHand\":1.5}", 400, "invalid-request"));
        inputs.add(new Http("string on-hand", "POST", "/inventory", json,
                "{\"sku\":\"HOSTILE-NEW\",\"onHand\":\"5\"}", 400, "invalid-request"));
        inputs.add(new Http("duplicate on-hand", "POST", "/inventory", json,
                "{\"sku\":\"HOSTILE-NEW\",\"onHand\":1,\"onHand\":1000000}", 400, "malformed-json"));
        inputs.add(new Http("on-hand without If-Match", "PUT", "/inventory/" + SKU + "/on-hand", json,
                "{\"onHand\":5}", 428, "precondition-required"));
        inputs.add(new Http("on-hand with a made-up If-Match", "PUT", "/inventory/" + SKU + "/on-hand",
                with(json, "If-Match", "\"not-an-etag\""), "{\"onHand\":5}", 412, "stale-etag"));
        inputs.add(new Http("a method the path does not take", "DELETE", "/reservations", reader, null, 405,
                "method-not-allowed"));
        inputs.add(new Http("no such path", "GET", "/nope", reader, null, 404, "not-found"));
        inputs.add(new Http("invariants without the operations scope", "GET", "/actuator/invariants", reader, null,
                403, "forbidden"));
        inputs.add(new Http("actuator without a token", "GET", "/actuator/invariants", Map.of(), null, 401,
                "unauthorized"));
        return inputs;
    }

    private static List<Kafka> kafkaInputs() {
        String owner = "\"owner\":\"hostile\"";
        String one = line(KAFKA_SKU, "1");
        List<Kafka> inputs = new ArrayList<>(List.of(
                new Kafka("not JSON", "not json", true),
                new Kafka("JSON array", "[]", true),
                new Kafka("JSON null", "null", true),
                new Kafka("tombstone", null, true),
                new Kafka("fractional quantity", record(id(), owner, line(KAFKA_SKU, "1.5")), true),
                new Kafka("exponent quantity", record(id(), owner, line(KAFKA_SKU, "1e0")), true),
                new Kafka("string quantity", record(id(), owner, line(KAFKA_SKU, "\"1\"")), true),
                new Kafka("zero quantity", record(id(), owner, line(KAFKA_SKU, "0")), true),
                new Kafka("duplicate owner", record(id(), owner + ",\"owner\":\"victim\"", one), true),
                new Kafka("duplicate lines", record(id(), owner, one) .replace("]", "],\"lines\":[" + one + "]"),
                        true),
                new Kafka("unknown field", record(id(), owner + ",\"status\":\"RESERVED\"", one), true),
                new Kafka("next schema version", record(id(), owner, one).replace("\"schemaVersion\":1",
                        "\"schemaVersion\":2"), true),
                new Kafka("schema version as a string", record(id(), owner, one).replace("\"schemaVersion\":1",
                        "\"schemaVersion\":\"1\""), true),
                new Kafka("request id not a UUID", record("not-a-uuid", owner, one), true),
                new Kafka("no request id", record(id(), owner, one).replaceFirst("\"requestId\":\"[^\"]+\",", ""),
                        true),
                new Kafka("empty owner", record(id(), "\"owner\":\"\"", one), true),
                new Kafka("owner of 129 characters", record(id(), "\"owner\":\"" + "o".repeat(129) + "\"", one), true),
                new Kafka("no owner", record(id(), "\"owner\":null", one), true),
                new Kafka("sku with a slash", record(id(), owner, line("a/b", "1")), true),
                new Kafka("101 lines", record(id(), owner, IntStream.range(0, 101)
                        .mapToObj(i -> line("L" + i, "1")).collect(Collectors.joining(","))), true),
                new Kafka("zero hold", record(id(), owner + ",\"holdSeconds\":0", one), true),
                new Kafka("fractional hold", record(id(), owner + ",\"holdSeconds\":1.5", one), true),
                new Kafka("trailing tokens", record(id(), owner, one) + " {}", true),
                new Kafka("over 64 KiB", record(id(), owner + ",\"pad\":\"" + "x".repeat(70_000) + "\"", one), true),
                new Kafka("units over the policy", record(id(), "\"owner\":\"rejected-units\"",
                        line(KAFKA_SKU, "5000")), false),
                new Kafka("hold over the policy", record(id(), "\"owner\":\"rejected-hold\",\"holdSeconds\":7200",
                        one), false)));
        return inputs;
    }

    private HttpRequest request(Http input) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + input.path()))
                .timeout(Duration.ofSeconds(30))
                .method(input.method(), input.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(input.body()));
        input.headers().forEach(builder::header);
        return builder.build();
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        var all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private static String unsigned() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"hostile\",\"scope\":\"" + TestTokens.ALL_SCOPES
                + "\",\"exp\":" + Instant.now().plusSeconds(300).getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String record(String id, String owner, String lines) {
        return "{\"schemaVersion\":1,\"requestId\":\"" + id + "\"," + owner + ",\"lines\":[" + lines + "]}";
    }

    private static String line(String sku, String quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
    }

    private String status(String id) {
        return jdbc.sql("SELECT status FROM reservation WHERE id = ?::uuid").param(id).query(String.class)
                .optional().orElse(null);
    }

    private long reserved(String sku) {
        return jdbc.sql("SELECT reserved FROM inventory WHERE sku = ?").param(sku).query(Long.class).single();
    }

    private static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
