package io.stocklock.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static io.stocklock.adapters.rest.InventoryApiTest.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(properties = {"stocklock.security.requests-per-second=0.01", "stocklock.security.burst=50"})
// MockMvc reads each exchange as it returns, while an answer written later (AnswerLater) may be being written
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class SecurityApiTest {

    @Autowired
    MockMvc http;
    @Autowired
    Services services;

    private final String sku = "SEC-" + UUID.randomUUID().toString().substring(0, 8);
    private ReservationId alicesHold;

    @BeforeEach
    void alicesReservation() {
        services.manageStock().create(new CreateStockCommand(Sku.of(sku), 10));
        var request = new ReservationRequest(ReservationId.generate(), "alice", List.of(ReservationLine.of(sku, 1)),
                Duration.ofMinutes(5));
        services.process().process(new ProcessReservationsCommand(List.of(request)));
        alicesHold = request.id();
    }

    @Test
    void noValidTokenNoAccess() throws Exception {
        String path = "/inventory/" + sku;
        problem(http.perform(get(path).header("Authorization", "")), 401, "unauthorized")
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
        problem(http.perform(get(path).header("Authorization", "Bearer not.a.jwt")), 401, "unauthorized");
        problem(http.perform(get(path).header("Authorization",
                TestTokens.bearer("alice", TestTokens.ALL_SCOPES, Duration.ofMinutes(-5), TestTokens.SECRET))), 401, "unauthorized");
        problem(http.perform(get(path).header("Authorization", TestTokens.bearer("alice", TestTokens.ALL_SCOPES,
                Duration.ofMinutes(5), "another-secret-of-at-least-thirty-two-bytes"))), 401, "unauthorized");
        problem(http.perform(get(path).header("Authorization", "Basic YWxpY2U6c2VjcmV0")), 401, "unauthorized");
    }

    @Test
    void aHeaderWithAControlCharacterIsRefused() throws Exception {
        String token = TestTokens.bearer("alice", TestTokens.ALL_SCOPES);
        http.perform(get("/inventory/" + sku).header("Authorization", token + "\u0007"))
                .andExpect(status().isBadRequest());
        http.perform(get("/inventory/" + sku).header("Authorization", token)).andExpect(status().isOk());
    }

    @Test
    void eachEndpointNeedsItsScope() throws Exception {
        problem(http.perform(get("/inventory/" + sku).header("Authorization",
                TestTokens.bearer("alice", "reservations:read"))), 403, "forbidden");
        problem(http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON).content("{}")
                .header("Authorization", TestTokens.bearer("alice", "inventory:read"))), 403, "forbidden");
        problem(http.perform(post("/reservations/" + alicesHold + "/confirm")
                .header("Authorization", TestTokens.bearer("alice", "reservations:read"))), 403, "forbidden");
        http.perform(get("/reservations/" + alicesHold)
                .header("Authorization", TestTokens.bearer("alice", "reservations:read"))).andExpect(status().isOk());
    }

    /** The scope docs/openapi.json names for each operation is the one it needs: without it 403, with it alone not. */
    @Test
    void everyOperationNeedsTheScopeTheDocumentNames() throws Exception {
        JsonNode paths = JsonMapper.builder().build().readTree(Files.readString(Path.of("..", "docs", "openapi.json")))
                .get("paths");
        int operations = 0;
        for (var path : paths.properties()) {
            String uri = path.getKey().replace("{sku}", sku).replace("{id}", alicesHold.toString());
            for (var operation : path.getValue().properties()) {
                String scope = operation.getValue().get("x-scope").asString();
                String others = Arrays.stream(TestTokens.ALL_SCOPES.split(" ")).filter(other -> !other.equals(scope))
                        .collect(Collectors.joining(" "));
                String what = operation.getKey().toUpperCase() + " " + path.getKey() + " (" + scope + ")";
                boolean body = operation.getValue().has("requestBody");
                var without = exchange(operation.getKey(), uri, body, TestTokens.bearer("scope-prober", others));
                assertThat(http.perform(without).andReturn().getResponse().getStatus()).as(what + " without it")
                        .isEqualTo(403);
                var with = exchange(operation.getKey(), uri, body, TestTokens.bearer("scope-prober", scope));
                assertThat(http.perform(with).andReturn().getResponse().getStatus()).as(what + " with it alone")
                        .isNotIn(401, 403);
                operations++;
            }
        }
        assertThat(operations).isEqualTo(24);
    }

    private static MockHttpServletRequestBuilder exchange(String method, String uri, boolean body, String token) {
        var request = request(HttpMethod.valueOf(method.toUpperCase()), uri).header("Authorization", token);
        return body ? request.contentType(MediaType.APPLICATION_JSON).content("{}") : request;
    }

    @Test
    void anotherCallersReservationDoesNotExist() throws Exception {
        String bob = TestTokens.bearer("bob", TestTokens.ALL_SCOPES);
        problem(http.perform(get("/reservations/" + alicesHold).header("Authorization", bob)),
                404, "reservation-not-found");
        problem(http.perform(post("/reservations/" + alicesHold + "/release").header("Authorization", bob)),
                404, "reservation-not-found");
        http.perform(get("/reservations/" + alicesHold)).andExpect(status().isOk());
    }

    @Test
    void perCallerLimits() throws Exception {
        // the test application allows 10 units per request
        problem(Answers.send(http, post("/reservations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":6},{\"sku\":\"" + sku
                        + "\",\"quantity\":5}]}")), 422, "quantity-limit")
                .andExpect(jsonPath("$.detail").value("the request asks for 11 units; at most 10 per request are allowed"));
        problem(http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"" + "x".repeat(70_000) + "\",\"onHand\":1}")), 413, "payload-too-large");
    }

    @Test
    void tooManyRequestsFromOneCallerAreTurnedAway() throws Exception {
        String carol = TestTokens.bearer("carol-" + UUID.randomUUID(), TestTokens.ALL_SCOPES);
        // a burst of 50, then one per 100 s: the 51st request in a row is refused
        for (int i = 0; i < 50; i++) {
            http.perform(get("/inventory/" + sku).header("Authorization", carol)).andExpect(status().isOk());
        }
        problem(http.perform(get("/inventory/" + sku).header("Authorization", carol)), 429, "too-many-requests")
                .andExpect(header().exists("Retry-After"));
        http.perform(get("/inventory/" + sku)).andExpect(status().isOk()); // alice has her own budget
    }

    @Test
    void anonymousRequestsAreLimitedPerClientAddressAndProbesNever() throws Exception {
        String flooder = "10.0.0." + (1 + new java.util.Random().nextInt(200));
        for (int i = 0; i < 50; i++) {
            problem(http.perform(get("/inventory/" + sku).header("Authorization", "").with(from(flooder))),
                    401, "unauthorized");
        }
        problem(http.perform(get("/inventory/" + sku).header("Authorization", "").with(from(flooder))),
                429, "too-many-requests");

        // another address without a token has a budget of its own, and so does every caller with one
        problem(http.perform(get("/inventory/" + sku).header("Authorization", "").with(from("10.0.1.1"))),
                401, "unauthorized");
        http.perform(get("/inventory/" + sku).with(from(flooder))).andExpect(status().isOk());
        // probes and the metrics scrape are never limited, whoever asks how often
        for (int i = 0; i < 60; i++) {
            for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/prometheus")) {
                int status = http.perform(get(probe).header("Authorization", "").with(from(flooder)))
                        .andReturn().getResponse().getStatus();
                assertThat(status).as(probe).isNotEqualTo(429);
            }
        }
    }

    @Test
    void aFloodOfRefusedTokensIsLimitedPerClientAddress() throws Exception {
        String flooder = "10.0.2." + (1 + new java.util.Random().nextInt(200));
        String forged = TestTokens.bearer("mallory", TestTokens.ALL_SCOPES, Duration.ofMinutes(5),
                "another-secret-of-at-least-thirty-two-bytes");
        for (int i = 0; i < 50; i++) {
            problem(http.perform(get("/inventory/" + sku).header("Authorization", forged).with(from(flooder))),
                    401, "unauthorized");
        }
        problem(http.perform(get("/inventory/" + sku).header("Authorization", forged).with(from(flooder))),
                429, "too-many-requests").andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.detail").value("more than 0.01 refused tokens per second from address "
                        + flooder));
        // a good token from that address waits too: telling it from a bad one is the work the limit saves
        problem(http.perform(get("/inventory/" + sku).header("Authorization",
                TestTokens.bearer("alice", TestTokens.ALL_SCOPES)).with(from(flooder))), 429, "too-many-requests");
        // requests without a token have their own budget; other addresses' tokens are checked as before
        problem(http.perform(get("/inventory/" + sku).header("Authorization", "").with(from(flooder))),
                401, "unauthorized");
        problem(http.perform(get("/inventory/" + sku).header("Authorization", forged).with(from("10.0.3.1"))),
                401, "unauthorized");
        http.perform(get("/inventory/" + sku).with(from("10.0.3.1"))).andExpect(status().isOk());
        assertThat(http.perform(get("/actuator/health/liveness").header("Authorization", forged)
                .with(from(flooder))).andReturn().getResponse().getStatus()).isNotEqualTo(429);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
