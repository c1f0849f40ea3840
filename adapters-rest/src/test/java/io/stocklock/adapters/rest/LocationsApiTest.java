package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Stock kept at several locations, a SKU's short-stock policy, and requests that say where they are served from. */
@WebMvcTest
// MockMvc reads each exchange as it returns, while an answer written later (AnswerLater) may be being written
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class LocationsApiTest {

    @Autowired
    MockMvc http;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String sku = "SKU-" + suffix;
    private final String east = "east-" + suffix;
    private final String west = "west-" + suffix;

    @Test
    void locationsAreAddedChangedAndListed() throws Exception {
        saveLocation(east, "East", 2).andExpect(status().isCreated())
                .andExpect(header().string("Location", "/locations/" + east))
                .andExpect(jsonPath("$.priority").value(2));
        saveLocation(east, "East warehouse", 1).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("East warehouse"));
        http.perform(get("/locations")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + east + "')].priority").value(1))
                .andExpect(jsonPath("$[?(@.id == 'default')].priority").value(0));
        problem(saveLocation("has space", "X", 1), 400, "invalid-request");
        problem(saveLocation(west, "West", -1), 400, "invalid-request");
        problem(http.perform(put("/locations/" + west).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"West\",\"priority\":\"1\"}")), 400, "invalid-request")
                .andExpect(jsonPath("$.detail").value("priority must be a JSON integer"));
    }

    @Test
    void aSkuKeptAtSeveralLocationsShowsEachAndTheirSum() throws Exception {
        saveLocation(east, "East", 1);
        create(sku, 5, null, 0).andExpect(status().isCreated());
        create(sku, 7, east, 3).andExpect(status().isCreated())
                .andExpect(jsonPath("$.onHand").value(12))
                .andExpect(jsonPath("$.locations.length()").value(2))
                .andExpect(jsonPath("$.locations[?(@.location == '" + east + "')].backorderLimit").value(3));
        problem(create(sku, 1, east, 0), 409, "sku-exists");
        problem(create(sku, 1, "nowhere-" + suffix, 0), 422, "unknown-location");

        adjust(east, 2).andExpect(status().isOk()).andExpect(jsonPath("$.onHand").value(14))
                .andExpect(header().string("ETag", "\"1\""));
        problem(adjust("nowhere-" + suffix, 2), 422, "not-kept-at-location");
        http.perform(put("/inventory/" + sku + "/on-hand").header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"onHand\":1,\"reason\":\"count\",\"location\":\"default\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.onHand").value(10))
                .andExpect(header().string("ETag", "\"2\""));
        http.perform(get("/inventory/" + sku + "/movements")).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[1].location").value(east));
        http.perform(put("/inventory/" + sku + "/backorder-limit").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"backorderLimit\":5}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.locations[?(@.location == 'default')].backorderLimit").value(5));
    }

    @Test
    void aBackorderedLineIsReservedAndSaysHowMuchIsBackordered() throws Exception {
        saveLocation(east, "East", 1);
        create(sku, 2, east, 3);
        policy("BACKORDER").andExpect(status().isOk()).andExpect(jsonPath("$.shortStock").value("BACKORDER"));

        reserve("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":4}]}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines[0].granted").value(4))
                .andExpect(jsonPath("$.lines[0].backordered").value(2))
                .andExpect(jsonPath("$.lines[0].locations[0].location").value(east));
        http.perform(get("/inventory/" + sku)).andExpect(jsonPath("$.backordered").value(2))
                .andExpect(jsonPath("$.available").value(0));
        problem(reserve("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":2}]}"), 409, "insufficient-stock")
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("insufficient stock")));
        // the backorder limit cannot go below what is backordered
        problem(http.perform(put("/inventory/" + sku + "/backorder-limit").contentType(MediaType.APPLICATION_JSON)
                .content("{\"backorderLimit\":1,\"location\":\"" + east + "\"}")), 409, "below-reserved");

        http.perform(delete("/inventory/" + sku + "/policy")).andExpect(status().isOk())
                .andExpect(jsonPath("$.shortStock").doesNotExist());
        problem(policy("backorder"), 400, "invalid-request")
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("REJECT, BACKORDER, PARTIAL")));
    }

    @Test
    void aPartialLineGetsWhatIsInStockDownToItsMinimum() throws Exception {
        create(sku, 3, null, 0);
        policy("PARTIAL");
        problem(reserve("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":6,\"minimum\":4}]}"), 409,
                "insufficient-stock");
        reserve("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":6,\"minimum\":2}]}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines[0].quantity").value(6))
                .andExpect(jsonPath("$.lines[0].minimum").value(2))
                .andExpect(jsonPath("$.lines[0].granted").value(3));
        problem(reserve("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":2,\"minimum\":3}]}"), 400,
                "invalid-request");
    }

    @Test
    void aRequestNamesWhereItIsServedFrom() throws Exception {
        saveLocation(east, "East", 1);
        saveLocation(west, "West", 2);
        create(sku, 2, east, 0);
        create(sku, 2, west, 0);

        reserve(body(3, "{\"split\":false}")).andExpect(status().is(409));
        reserve(body(3, "{\"split\":true}")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.placement.split").value(true))
                .andExpect(jsonPath("$.lines[0].locations.length()").value(2));
        reserve(body(1, "{\"location\":\"" + west + "\"}")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines[0].locations[0].location").value(west));
        problem(reserve(body(1, "{\"order\":\"most-in-stock\"}")), 400, "invalid-request")
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("PRIORITY, MOST_IN_STOCK")));
        problem(reserve(body(1, "{\"split\":\"true\"}")), 400, "invalid-request");
        problem(reserve(body(1, "{\"nearest\":true}")), 400, "malformed-json");
    }

    private String body(long quantity, String placement) {
        return "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}],\"placement\":" + placement + "}";
    }

    private ResultActions saveLocation(String id, String name, int priority) throws Exception {
        return http.perform(put("/locations/" + id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"priority\":" + priority + "}"));
    }

    private ResultActions create(String sku, long onHand, String location, long backorderLimit) throws Exception {
        return http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"" + sku + "\",\"onHand\":" + onHand
                        + (location == null ? "" : ",\"location\":\"" + location + "\"")
                        + ",\"backorderLimit\":" + backorderLimit + "}"));
    }

    private ResultActions adjust(String location, long delta) throws Exception {
        return http.perform(post("/inventory/" + sku + "/adjustments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"delta\":" + delta + ",\"reason\":\"delivery\",\"location\":\"" + location + "\"}"));
    }

    private ResultActions policy(String shortStock) throws Exception {
        return http.perform(put("/inventory/" + sku + "/policy").contentType(MediaType.APPLICATION_JSON)
                .content("{\"shortStock\":\"" + shortStock + "\"}"));
    }

    private ResultActions reserve(String body) throws Exception {
        MockHttpServletRequestBuilder request = post("/reservations").contentType(MediaType.APPLICATION_JSON)
                .header("Prefer", "wait=5").content(body);
        return Answers.send(http, request);
    }
}
