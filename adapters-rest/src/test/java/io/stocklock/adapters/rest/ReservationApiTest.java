package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
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
import org.springframework.test.web.servlet.MockMvc;

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
    void confirmingALapsedHoldSaysExpired() throws Exception {
        clock.advance(Duration.ofMinutes(11));
        problem(http.perform(post("/reservations/" + held + "/confirm")), 409, "hold-expired");
        http.perform(get("/reservations/" + held)).andExpect(jsonPath("$.status").value("EXPIRED"));
    }
}
