package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.stocklock.application.service.ProcessReservationsService;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/** A sold-out SKU's waiting list over HTTP: join, see the place, get the offer, leave. */
@WebMvcTest
// MockMvc reads each exchange as it returns, while an answer written later (AnswerLater) may be being written
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class WaitingListApiTest {

    @Autowired
    MockMvc http;
    @Autowired
    ProcessReservationsService engine;

    private final String sku = "WAIT-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aBuyerJoinsALineIsOfferedWhatComesBackAndCannotLeaveAnOffer() throws Exception {
        create(1);
        problem(join("{\"sku\":\"" + sku + "\",\"quantity\":1}"), 409, "in-stock");
        String held = reserve().andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");

        MvcResult joined = join("{\"sku\":\"" + sku + "\",\"quantity\":1,\"holdSeconds\":300}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("WAITING"))
                .andExpect(jsonPath("$.position").value(1))
                .andExpect(jsonPath("$.holdSeconds").value(300))
                .andExpect(jsonPath("$.reservation").value(Matchers.nullValue()))
                .andReturn();
        String entry = joined.getResponse().getHeader("Location");
        problem(join("{\"sku\":\"" + sku + "\",\"quantity\":1}"), 409, "already-waiting")
                .andExpect(jsonPath("$.detail").value(Matchers.endsWith(entry)));
        problem(reserve(), 409, "insufficient-stock");

        http.perform(post(held + "/release")).andExpect(status().isOk());
        problem(reserve(), 409, "insufficient-stock"); // the unit back is the first in line's
        engine.serve(10);

        String id = JsonPath.read(joined.getResponse().getContentAsString(), "$.id");
        http.perform(get(entry)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OFFERED"))
                .andExpect(jsonPath("$.position").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.reservation").value("/reservations/" + id));
        http.perform(get("/reservations/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESERVED"));
        problem(http.perform(delete(entry)), 409, "already-offered");
    }

    @Test
    void aBuyerLeavesTheLineAndWhatIsNotTheContractIsRefused() throws Exception {
        create(0);
        problem(join("{\"sku\":\"NOPE-" + sku + "\",\"quantity\":1}"), 409, "unknown-sku-requested");
        problem(join("{\"sku\":\"" + sku + "\"}"), 400, "invalid-request");
        problem(join("{\"sku\":\"" + sku + "\",\"quantity\":0}"), 400, "invalid-request");
        problem(join("{\"sku\":\"" + sku + "\",\"quantity\":\"1\"}"), 400, "invalid-request");
        problem(join("{\"sku\":\"" + sku + "\",\"quantity\":1,\"place\":1}"), 400, "malformed-json");

        String entry = join("{\"sku\":\"" + sku + "\",\"quantity\":2}").andExpect(status().isCreated()).andReturn()
                .getResponse().getHeader("Location");
        http.perform(delete(entry)).andExpect(status().isNoContent());
        problem(http.perform(get(entry)), 404, "not-found");
        problem(http.perform(delete(entry)), 404, "not-found");
        problem(http.perform(get("/waiting-list/not-an-id")), 400, "invalid-request");
    }

    private void create(long onHand) throws Exception {
        http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"" + sku + "\",\"onHand\":" + onHand + "}")).andExpect(status().isCreated());
    }

    private ResultActions join(String body) throws Exception {
        return http.perform(post("/waiting-list").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions reserve() throws Exception {
        return Answers.send(http, post("/reservations").contentType(MediaType.APPLICATION_JSON)
                .header("Prefer", "wait=5").content("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}"));
    }
}
