package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
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

/** A limit per buyer over one SKU or several: set, read back, enforced on reservations, refused when it cannot apply. */
@WebMvcTest
// MockMvc reads each exchange as it returns, while an answer written later (AnswerLater) may be being written
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class SalesApiTest {

    @Autowired
    MockMvc http;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String sale = "drop-" + suffix;
    private final String floor = "FLOOR-" + suffix;
    private final String balcony = "BALCONY-" + suffix;

    @Test
    void aBuyerGetsNoMoreOfASaleThanItsLimitOverItsSkus() throws Exception {
        create(floor, 100);
        create(balcony, 100);
        putSale(sale, 3, floor, balcony).andExpect(status().isCreated())
                .andExpect(header().string("Location", "/sales/" + sale))
                .andExpect(jsonPath("$.maxUnitsPerBuyer").value(3))
                .andExpect(jsonPath("$.skus[0]").value(balcony));

        reserve(floor, 2).andExpect(status().isCreated());
        problem(reserve(balcony, 2), 409, "sale-limit")
                .andExpect(jsonPath("$.detail").value(Matchers.endsWith(" has 2 units of sale " + sale
                        + "; with 2 more it would have more than the 3 allowed per buyer")));
        reserve(balcony, 1).andExpect(status().isCreated());
        http.perform(get("/sales/" + sale)).andExpect(status().isOk())
                .andExpect(jsonPath("$.got").value(3))
                .andExpect(jsonPath("$.skus.length()").value(2));
        problem(http.perform(get("/sales/nothing-" + suffix)), 404, "not-found");

        // a higher limit lets the buyer get more; the SKUs stay, so no unit moves between sales
        putSale(sale, 4, floor, balcony).andExpect(status().isOk());
        reserve(floor, 1).andExpect(status().isCreated());
    }

    @Test
    void aSaleIsRefusedWhenItsSkusCannotJoinIt() throws Exception {
        create(floor, 10);
        create(balcony, 10);
        problem(putSale(sale, 2, floor, "NOPE-" + suffix), 409, "unknown-sku-requested");
        putSale(sale, 2, floor).andExpect(status().isCreated());
        problem(putSale("other-" + suffix, 2, floor), 409, "sku-in-another-sale")
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("belongs to sale " + sale)));
        reserve(balcony, 1).andExpect(status().isCreated());
        problem(putSale(sale, 2, floor, balcony), 409, "sku-held")
                .andExpect(jsonPath("$.detail").value("1 units of " + balcony
                        + " are held; it can join or leave a sale once none are"));
    }

    @Test
    void aSaleIsExactlyWhatTheContractSays() throws Exception {
        create(floor, 10);
        problem(putBody(sale, "{\"maxUnitsPerBuyer\":0,\"skus\":[\"" + floor + "\"]}"), 400, "invalid-request");
        problem(putBody(sale, "{\"maxUnitsPerBuyer\":\"2\",\"skus\":[\"" + floor + "\"]}"), 400, "invalid-request");
        problem(putBody(sale, "{\"skus\":[\"" + floor + "\"]}"), 400, "invalid-request")
                .andExpect(jsonPath("$.detail").value("maxUnitsPerBuyer is required"));
        problem(putBody(sale, "{\"maxUnitsPerBuyer\":2}"), 400, "invalid-request");
        problem(putBody(sale, "{\"maxUnitsPerBuyer\":2,\"skus\":[]}"), 400, "invalid-request");
        problem(putBody(sale, "{\"maxUnitsPerBuyer\":2,\"skus\":[\"" + floor + "\",\"" + floor + "\"]}"), 400,
                "invalid-request").andExpect(jsonPath("$.detail").value("skus must name each SKU once"));
        problem(putBody(sale, "{\"maxUnitsPerBuyer\":2,\"skus\":[\"" + floor + "\"],\"perOrder\":1}"), 400,
                "malformed-json");
        problem(putBody("has space", "{\"maxUnitsPerBuyer\":2,\"skus\":[\"" + floor + "\"]}"), 400,
                "invalid-request");
    }

    private ResultActions putSale(String id, long max, String... skus) throws Exception {
        return putBody(id, "{\"maxUnitsPerBuyer\":" + max + ",\"skus\":[\"" + String.join("\",\"", skus) + "\"]}");
    }

    private ResultActions putBody(String id, String body) throws Exception {
        return http.perform(put("/sales/" + id).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void create(String sku, long onHand) throws Exception {
        http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"" + sku + "\",\"onHand\":" + onHand + "}")).andExpect(status().isCreated());
    }

    private ResultActions reserve(String sku, long quantity) throws Exception {
        return Answers.send(http, post("/reservations").contentType(MediaType.APPLICATION_JSON)
                .header("Prefer", "wait=5")
                .content("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}"));
    }
}
