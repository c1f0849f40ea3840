package io.stocklock.bootstrap;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestServers.class)
class OperationsTest {

    @Autowired
    MockMvc http;
    @Autowired
    ManageStock manageStock;
    @Autowired
    RequestIntake intake;
    @Autowired
    JdbcClient jdbc;

    @Test
    void livenessAndReadinessCoverTheDatabaseAndKafka() throws Exception {
        http.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        http.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
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
                    .andExpect(jsonPath("$.violations[0]").value(containsString("OPS-DRIFT: on_hand=10 reserved=3")));
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
                        .andExpect(content().string(containsString("kafka_consumer_fetch_manager_records_lag_max"))));
    }
}
