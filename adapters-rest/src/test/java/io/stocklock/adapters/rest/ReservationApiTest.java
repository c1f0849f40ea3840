package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest
class ReservationApiTest {

    @Autowired
    MockMvc http;
    @Autowired
    Services services;
    @Autowired
    MutableClock clock;

    private final String sku = "R-" + UUID.randomUUID().toString().substring(0, 8);
    private ReservationId held;

    @BeforeEach
    void holdTwo() {
        services.manageStock().create(new CreateStockCommand(Sku.of(sku), 5));
        var request = new ReservationRequest(ReservationId.generate(), "alice", List.of(ReservationLine.of(sku, 2)),
                Duration.ofMinutes(10));
        services.process().process(new ProcessReservationsCommand(List.of(request)));
        held = request.id();
    }

    @Test
    void readsTheStatusLinesAndTimes() throws Exception {
        http.perform(get("/reservations/" + held)).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(held.toString()))
                .andExpect(jsonPath("$.status").value("RESERVED"))
                .andExpect(jsonPath("$.owner").value("alice"))
                .andExpect(jsonPath("$.lines[0].sku").value(sku))
                .andExpect(jsonPath("$.lines[0].quantity").value(2))
                .andExpect(jsonPath("$.expiresAt").isNotEmpty());
        problem(http.perform(get("/reservations/" + UUID.randomUUID())), 404, "reservation-not-found");
        problem(http.perform(get("/reservations/not-a-uuid")), 400, "invalid-request");
    }

    @Test
    void confirmIsIdempotentAndReleaseAfterwardsIsAConflict() throws Exception {
        http.perform(post("/reservations/" + held + "/confirm")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
        http.perform(post("/reservations/" + held + "/confirm")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
        problem(http.perform(post("/reservations/" + held + "/release")), 409, "already-confirmed");
        http.perform(get("/inventory/" + sku)).andExpect(jsonPath("$.onHand").value(3));
    }

    @Test
    void releaseIsIdempotentAndConfirmAfterwardsIsAConflict() throws Exception {
        http.perform(post("/reservations/" + held + "/release")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RELEASED"));
        http.perform(post("/reservations/" + held + "/release")).andExpect(status().isOk());
        problem(http.perform(post("/reservations/" + held + "/confirm")), 409, "already-released");
        problem(http.perform(post("/reservations/" + UUID.randomUUID() + "/release")), 404, "reservation-not-found");
    }

    @Test
    void aHoldIsExtendedFromNowUpToTheCap() throws Exception {
        clock.advance(Duration.ofMinutes(5));
        String until = clock.instant().plus(Duration.ofMinutes(20)).toString();
        http.perform(extend(1_200)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESERVED"))
                .andExpect(jsonPath("$.expiresAt").value(until));
        // a retry, or a shorter hold, changes nothing
        http.perform(extend(60)).andExpect(status().isOk()).andExpect(jsonPath("$.expiresAt").value(until));
        // the whole hold may last as long as the policy says from its decision (here the contract's seven days),
        // not a second longer
        problem(http.perform(extend(7 * 24 * 3_600 - 5 * 60 + 1)), 422, "hold-cap-reached")
                .andExpect(jsonPath("$.detail").value(containsString("at most 604800 seconds")));
        http.perform(get("/inventory/" + sku)).andExpect(jsonPath("$.reserved").value(2));
    }

    @Test
    void onlyALiveHoldIsExtendedAndTheBodyIsChecked() throws Exception {
        for (String body : new String[] {"{}", "{\"holdSeconds\":0}", "{\"holdSeconds\":604801}",
                "{\"holdSeconds\":\"60\"}", "{\"holdSeconds\":60.0}"}) {
            problem(http.perform(post("/reservations/" + held + "/extend").contentType(MediaType.APPLICATION_JSON)
                    .content(body)), 400, "invalid-request");
        }
        problem(http.perform(post("/reservations/" + held + "/extend").contentType(MediaType.APPLICATION_JSON)
                .content("{\"holdSeconds\":60,\"until\":1}")), 400, "malformed-json");
        problem(http.perform(post("/reservations/" + UUID.randomUUID() + "/extend")
                .contentType(MediaType.APPLICATION_JSON).content("{\"holdSeconds\":60}")), 404, "reservation-not-found");
        http.perform(post("/reservations/" + held + "/confirm")).andExpect(status().isOk());
        problem(http.perform(extend(60)), 409, "already-confirmed");
    }

    @Test
    void extendingALapsedHoldSaysExpiredAndGivesTheUnitsBackOnce() throws Exception {
        clock.advance(Duration.ofMinutes(10));
        problem(http.perform(extend(600)), 409, "hold-expired");
        problem(http.perform(extend(600)), 409, "hold-expired");
        http.perform(get("/reservations/" + held)).andExpect(jsonPath("$.status").value("EXPIRED"));
        http.perform(get("/inventory/" + sku)).andExpect(jsonPath("$.reserved").value(0))
                .andExpect(jsonPath("$.onHand").value(5));
    }

    private MockHttpServletRequestBuilder extend(long seconds) {
        return post("/reservations/" + held + "/extend").contentType(MediaType.APPLICATION_JSON)
                .content("{\"holdSeconds\":" + seconds + "}");
    }

    @Test
    void confirmingALapsedHoldSaysExpired() throws Exception {
        clock.advance(Duration.ofMinutes(11));
        problem(http.perform(post("/reservations/" + held + "/confirm")), 409, "hold-expired");
        http.perform(get("/reservations/" + held)).andExpect(jsonPath("$.status").value("EXPIRED"));
    }
}
