package io.stocklock.adapters.rest;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest
class InventoryApiTest {

    @Autowired
    MockMvc http;
    @Autowired
    Services services;

    private final String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSkuSaysWhenItRunsLowUntilToldNever() throws Exception {
        create(sku, 7);
        http.perform(put("/inventory/" + sku + "/low-stock").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"threshold\":3}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.lowStockAt").value(3));
        http.perform(get("/inventory/" + sku)).andExpect(jsonPath("$.lowStockAt").value(3));
        problem(http.perform(put("/inventory/" + sku + "/low-stock").contentType(MediaType.APPLICATION_JSON)
                .content("{\"threshold\":-1}")), 400, "invalid-request");
        problem(http.perform(put("/inventory/" + sku + "/low-stock").contentType(MediaType.APPLICATION_JSON)
                .content("{\"threshold\":\"3\"}")), 400, "invalid-request");
        problem(http.perform(put("/inventory/" + sku + "/low-stock").contentType(MediaType.APPLICATION_JSON)
                .content("{}")), 400, "invalid-request");
        problem(http.perform(put("/inventory/NOPE-" + sku + "/low-stock").contentType(MediaType.APPLICATION_JSON)
                .content("{\"threshold\":3}")), 404, "unknown-sku");
        http.perform(delete("/inventory/" + sku + "/low-stock")).andExpect(status().isOk())
                .andExpect(jsonPath("$.lowStockAt").value(Matchers.nullValue()));
    }

    @Test
    void createReadAndListStock() throws Exception {
        create(sku, 7).andExpect(status().isCreated())
                .andExpect(header().string("Location", "/inventory/" + sku))
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.available").value(7));

        http.perform(get("/inventory/" + sku)).andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value(sku)).andExpect(jsonPath("$.onHand").value(7))
                .andExpect(jsonPath("$.reserved").value(0));
        create(sku + "-B", 1);
        http.perform(get("/inventory").param("after", sku).param("limit", "1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].sku").value(sku + "-B"))
                .andExpect(jsonPath("$.next").value(sku + "-B"));
    }

    @Test
    void creatingAnExistingSkuIsAConflict() throws Exception {
        create(sku, 1);
        problem(create(sku, 2), 409, "sku-exists");
    }

    @Test
    void badInputIsAProblemWithAStableType() throws Exception {
        problem(create("has space", 1), 400, "invalid-request");
        problem(create(sku, -1), 400, "invalid-request");
        problem(http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON).content("{\"sku\":")),
                400, "malformed-json");
        problem(http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"" + sku + "\",\"onHand\":5,\"reserved\":5}")), 400, "malformed-json")
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("reserved")));
        problem(http.perform(post("/inventory").contentType(MediaType.TEXT_PLAIN).content("A,5")),
                415, "unsupported-media-type");
        problem(http.perform(get("/inventory").param("limit", "100000")), 400, "invalid-request");
        problem(http.perform(get("/inventory/NOPE-" + sku)), 404, "unknown-sku");
    }

    @Test
    void adjustmentsMoveOnHandButNeverBelowReserved() throws Exception {
        create(sku, 5);
        services.process().process(new ProcessReservationsCommand(List.of(new ReservationRequest(
                ReservationId.generate(), "alice", List.of(ReservationLine.of(sku, 4)), Duration.ofMinutes(5)))));

        http.perform(post("/inventory/" + sku + "/adjustments").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"delta\":3,\"reason\":\"delivery 42\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.onHand").value(8))
                .andExpect(jsonPath("$.available").value(4));
        problem(http.perform(post("/inventory/" + sku + "/adjustments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"delta\":-5,\"reason\":\"stocktake\"}")), 409, "below-reserved");
        problem(http.perform(post("/inventory/" + sku + "/adjustments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"delta\":1}")), 400, "invalid-request");
        problem(http.perform(post("/inventory/NOPE-" + sku + "/adjustments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"delta\":1,\"reason\":\"x\"}")), 404, "unknown-sku");
    }

    @Test
    void onHandIsSetWithCompareAndSet() throws Exception {
        create(sku, 5);
        problem(setOnHand(null, 9), 428, "precondition-required");
        problem(setOnHand("\"1\"", 9), 412, "stale-etag");
        setOnHand("\"0\"", 9).andExpect(status().isOk()).andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.onHand").value(9));
        problem(setOnHand("\"0\"", 10), 412, "stale-etag");

        http.perform(get("/inventory/" + sku + "/movements")).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].kind").value("CREATED"))
                .andExpect(jsonPath("$.items[1].kind").value("SET"))
                .andExpect(jsonPath("$.items[1].onHandDelta").value(4))
                .andExpect(jsonPath("$.items[1].note").value("stocktake"))
                .andExpect(jsonPath("$.next").doesNotExist());
    }

    @Test
    void aChangeAndItsUndoingMakeAnEarlierETagStale() throws Exception {
        String read = create(sku, 5).andReturn().getResponse().getHeader("ETag");
        http.perform(post("/inventory/" + sku + "/adjustments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"delta\":3,\"reason\":\"delivery\"}")).andExpect(status().isOk());
        http.perform(post("/inventory/" + sku + "/adjustments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"delta\":-3,\"reason\":\"returned to the supplier\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.onHand").value(5));

        problem(setOnHand(read, 1), 412, "stale-etag");
        http.perform(get("/inventory/" + sku)).andExpect(header().string("ETag", "\"2\""));
    }

    private ResultActions create(String sku, long onHand) throws Exception {
        return http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"" + sku + "\",\"onHand\":" + onHand + "}"));
    }

    private ResultActions setOnHand(String ifMatch, long onHand) throws Exception {
        var request = put("/inventory/" + sku + "/on-hand").contentType(MediaType.APPLICATION_JSON)
                .content("{\"onHand\":" + onHand + ",\"reason\":\"stocktake\"}");
        return http.perform(ifMatch == null ? request : request.header("If-Match", ifMatch));
    }

    static ResultActions problem(ResultActions response, int status, String type) throws Exception {
        return response.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(Problems.BASE + type))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }
}
