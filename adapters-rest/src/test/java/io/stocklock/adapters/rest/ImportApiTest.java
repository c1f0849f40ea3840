package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest
class ImportApiTest {

    @Autowired
    MockMvc http;

    private final String prefix = "I" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void jsonLinesCreateOrSetEachSkuAndEachBadLineIsReportedWithItsNumber() throws Exception {
        http.perform(post("/inventory").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"" + prefix + "A\",\"onHand\":2}")).andExpect(status().isCreated());
        String body = String.join("\n",
                "{\"sku\":\"" + prefix + "A\",\"onHand\":7}",
                "{\"sku\":\"" + prefix + "B\",\"onHand\":3,\"location\":\"default\"}",
                "{\"sku\":\"" + prefix + "C\",\"onHand\":1.5}",
                "{\"sku\":\"" + prefix + "D\",\"onHand\":4,\"location\":\"nowhere\"}",
                "",
                "{\"sku\":\"" + prefix + "E\",\"onHand\":-1}",
                "not json");

        List<String> answer = send(body, "application/x-ndjson");

        String invalid = "\"type\":\"https://stocklock.io/problems/invalid-request\"";
        assertThat(answer).hasSize(6);
        assertThat(answer.get(0)).startsWith("{\"line\":3," + invalid).contains("onHand");
        assertThat(answer.get(1)).isEqualTo("{\"line\":6," + invalid + ",\"detail\":\"onHand must not be negative, "
                + "was -1\"}");
        assertThat(answer.get(2)).startsWith("{\"line\":7," + invalid);
        assertThat(answer.subList(3, 6)).containsExactly(
                "{\"line\":4,\"type\":\"https://stocklock.io/problems/unknown-location\",\"detail\":\"no location "
                        + "nowhere\"}",
                "{\"progress\":{\"lines\":7,\"created\":1,\"set\":1,\"refused\":4}}",
                "{\"done\":{\"lines\":7,\"created\":1,\"set\":1,\"refused\":4}}");
        http.perform(get("/inventory/" + prefix + "A")).andExpect(jsonPath("$.onHand").value(7));
        http.perform(get("/inventory/" + prefix + "B")).andExpect(jsonPath("$.onHand").value(3));
        http.perform(get("/inventory/" + prefix + "C")).andExpect(status().isNotFound());

        // the same import again: absolute levels, so nothing moves
        assertThat(send(body, "application/x-ndjson")).last()
                .isEqualTo("{\"done\":{\"lines\":7,\"created\":0,\"set\":2,\"refused\":4}}");
        http.perform(get("/inventory/" + prefix + "A")).andExpect(jsonPath("$.onHand").value(7));
    }

    @Test
    void csvWithItsHeaderAndLocationsFromThePageAfterPage() throws Exception {
        StringBuilder body = new StringBuilder("sku,onHand,location\r\n");
        for (int i = 0; i < 2_500; i++) {
            body.append(prefix).append(i).append(',').append(i).append(i % 2 == 0 ? ",default" : ",").append("\r\n");
        }
        body.append(prefix).append("X,+5,\r\n");

        List<String> answer = send(body.toString(), "text/csv");

        assertThat(answer).containsExactly(
                "{\"progress\":{\"lines\":1001,\"created\":1000,\"set\":0,\"refused\":0}}",
                "{\"progress\":{\"lines\":2001,\"created\":2000,\"set\":0,\"refused\":0}}",
                "{\"line\":2502,\"type\":\"https://stocklock.io/problems/invalid-request\",\"detail\":\"onHand must be "
                        + "a whole number of units, 0 or more, was '+5'\"}",
                "{\"progress\":{\"lines\":2502,\"created\":2500,\"set\":0,\"refused\":1}}",
                "{\"done\":{\"lines\":2502,\"created\":2500,\"set\":0,\"refused\":1}}");
        http.perform(get("/inventory/" + prefix + "2499")).andExpect(jsonPath("$.onHand").value(2499));
    }

    @Test
    void aCsvWithoutItsHeaderIsRefusedWholeAndOtherMediaTypesAre415() throws Exception {
        assertThat(send(prefix + "A,5\n", "text/csv")).containsExactly(
                "{\"line\":1,\"type\":\"https://stocklock.io/problems/invalid-request\",\"detail\":\"the first line "
                        + "of a CSV import is the header sku,onHand or sku,onHand,location\"}",
                "{\"done\":{\"lines\":1,\"created\":0,\"set\":0,\"refused\":1}}");
        http.perform(get("/inventory/" + prefix + "A")).andExpect(status().isNotFound());
        problem(http.perform(post("/inventory/import").contentType(MediaType.APPLICATION_JSON).content("[]")), 415,
                "unsupported-media-type");
    }

    private List<String> send(String body, String contentType) throws Exception {
        MvcResult started = http.perform(post("/inventory/import").contentType(contentType).content(body)).andReturn();
        String answer = http.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return answer.lines().toList();
    }
}
