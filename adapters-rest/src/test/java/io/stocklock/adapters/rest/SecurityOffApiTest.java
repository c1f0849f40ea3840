package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

/** Switched off explicitly, security lets requests without a token through. */
@WebMvcTest(properties = "stocklock.security.enabled=false")
class SecurityOffApiTest {

    @Autowired
    MockMvc http;

    @Test
    void requestsWithoutATokenGetThrough() throws Exception {
        problem(http.perform(get("/inventory/NOTHING-HERE").header("Authorization", "")), 404, "unknown-sku");
    }
}
