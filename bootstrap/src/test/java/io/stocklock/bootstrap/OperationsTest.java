package io.stocklock.bootstrap;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

// the actuator on the API's port, where MockMvc reaches it (ManagementPortTest covers the port of its own)
@SpringBootTest(properties = "management.server.port=")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestServers.class)
class OperationsTest {

    private static final Path DOCS = Path.of("..", "docs");
    /** The metrics the dashboard and the alert rules may name: the service's own, HTTP and Kafka clients'. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:stocklock|http_server_requests|kafka)_[a-z0-9_]+");

    @Autowired
    MockMvc http;
    @Autowired
    ManageStock manageStock;
    @Autowired
    RequestIntake intake;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    /** A connection gone silent (a partition that drops packets) fails within a bound, longer than any statement. */
    @Test
    void aDatabaseConnectionThatGoesSilentFailsAfterSeventyFiveSeconds() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(75_000);
            assertThat(jdbc.sql("SHOW statement_timeout").query(String.class).single()).isEqualTo("1min");
        }
    }

    @Test
    void livenessAndReadinessCoverTheDatabaseAndKafka() throws Exception {
        http.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        http.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void theHealthDetailsNameThePartitionsThisInstanceDecidesAndItsLag() throws Exception {
        String token = TestTokens.bearer("operator", "operations");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.perform(get("/actuator/health").header("Authorization", token))
                        .andExpect(jsonPath("$.components.requestConsumer.status").value("UP"))
                        // the one instance of this test owns every partition of its request topic (three)
                        .andExpect(jsonPath("$.components.requestConsumer.details.partitions.length()").value(3))
                        .andExpect(jsonPath("$.components.requestConsumer.details.partitions[0]")
                                .value(endsWith(".reservation-requests-0")))
                        .andExpect(jsonPath("$.components.requestConsumer.details.lag").isNumber()));
        // details are for operators only
        http.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.requestConsumer.details").doesNotExist());
    }

    @Test
    void theInvariantCheckFindsDriftAndSaysSo() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("OPS-DRIFT"), 10));
        String token = TestTokens.bearer("operator", "operations");
        http.perform(post("/actuator/invariants").header("Authorization", token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.violations.length()").value(0));

        // what a bug would leave behind: stock held that no reservation holds
        jdbc.sql("UPDATE inventory SET reserved = 3 WHERE sku = 'OPS-DRIFT'").update();
        try {
            http.perform(post("/actuator/invariants").header("Authorization", token)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.violations[0]").value(containsString("OPS-DRIFT at default: on_hand=10 reserved=3")));
            // reading answers the last result without scanning again
            http.perform(get("/actuator/invariants").header("Authorization", token)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.running").value(false))
                    .andExpect(jsonPath("$.violations[0]").value(containsString("OPS-DRIFT")));
            http.perform(get("/actuator/health").header("Authorization", token))
                    .andExpect(jsonPath("$.components.invariantCheck.status").value("WARNING"));
            http.perform(get("/actuator/prometheus")).andExpect(content().string(
                    containsString("stocklock_invariant_violations 1.0")));
        } finally {
            jdbc.sql("UPDATE inventory SET reserved = 0 WHERE sku = 'OPS-DRIFT'").update();
            http.perform(post("/actuator/invariants").header("Authorization", token));
        }
        http.perform(get("/actuator/invariants")).andExpect(status().isUnauthorized());
        http.perform(get("/actuator/invariants").header("Authorization",
                TestTokens.bearer("buyer", TestTokens.ALL_SCOPES))).andExpect(status().isForbidden());
    }

    @Test
    void decisionsBatchesLockWaitsLatencyAndBacklogAreMetrics() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("OPS"), 1));
        intake.submit(new ReservationRequest(ReservationId.generate(), "ops", List.of(ReservationLine.of("OPS", 1)),
                Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                        .andExpect(content().string(containsString("stocklock_decisions_total{outcome=\"reserved\"")))
                        .andExpect(content().string(containsString("stocklock_batch_size_count")))
                        .andExpect(content().string(containsString("stocklock_lock_wait_seconds_count")))
                        .andExpect(content().string(containsString("stocklock_submit_to_decision_seconds_count")))
                        .andExpect(content().string(containsString("stocklock_outbox_backlog")))
                        // the Kafka clients' own metrics, through Spring Boot's producer and consumer factories
                        .andExpect(content().string(containsString("kafka_consumer_fetch_manager_records_lag_max")))
                        .andExpect(content().string(containsString("kafka_producer_record_send_total"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardAndTheAlertRulesNameOnlyMetricsTheServiceExports() throws Exception {
        List<Map<String, Object>> rules = alertRules();
        assertThat(rules).isNotEmpty();
        for (Map<String, Object> rule : rules) {
            assertThat(rule).as("an alert rule").containsKeys("alert", "expr", "labels", "annotations");
            assertThat((Map<String, Object>) rule.get("labels")).as(rule.get("alert") + " labels")
                    .containsKey("severity");
            assertThat((Map<String, Object>) rule.get("annotations")).as(rule.get("alert") + " annotations")
                    .containsKeys("summary", "description");
        }
        assertThat(rules.stream().map(rule -> rule.get("alert")).distinct()).hasSameSizeAs(rules);

        Set<String> named = new TreeSet<>(metricsNamedIn(rules.stream().map(rule -> (String) rule.get("expr"))));
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(Files.readString(DOCS.resolve("grafana-dashboard.json")));
        named.addAll(metricsNamedIn(dashboard.findValues("expr").stream().map(JsonNode::asString)));
        assertThat(named).contains("stocklock_invariant_violations", "stocklock_batch_duration_seconds_bucket",
                "stocklock_submit_to_decision_seconds_bucket", "http_server_requests_seconds_bucket");

        // a decision, and the scrapes themselves as HTTP requests, so that every meter has recorded something
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("OPS-ALERTS"), 1));
        intake.submit(new ReservationRequest(ReservationId.generate(), "ops",
                List.of(ReservationLine.of("OPS-ALERTS", 1)), Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = http.perform(get("/actuator/prometheus")).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString();
            Set<String> exported = scrape.lines().filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
            assertThat(exported).as("metrics at /actuator/prometheus").containsAll(named);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws Exception {
        Map<String, Object> file = new Yaml().load(Files.readString(DOCS.resolve("prometheus-alerts.yml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    private static Set<String> metricsNamedIn(Stream<String> expressions) {
        return expressions.flatMap(expression -> METRIC.matcher(expression).results().map(MatchResult::group))
                .collect(Collectors.toSet());
    }
}
