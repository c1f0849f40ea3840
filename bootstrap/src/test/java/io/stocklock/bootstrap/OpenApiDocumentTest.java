package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document checked in under docs/ is the one the code serves. When the API changes on purpose, write the
 * new one with {@code mvn -pl bootstrap test -Dtest=OpenApiDocumentTest -Dstocklock.openapi.write=true}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestServers.class)
class OpenApiDocumentTest {

    private static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");

    @Autowired
    MockMvc http;

    @Test
    void theCheckedInDocumentMatchesTheCode() throws Exception {
        String served = http.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        JsonNode servedTree = json.readTree(served);

        if (Boolean.getBoolean("stocklock.openapi.write")) {
            Files.writeString(CHECKED_IN, json.writeValueAsString(servedTree) + "\n");
        }
        assertThat(json.readTree(Files.readString(CHECKED_IN)))
                .as("docs/openapi.json drifted from the code; regenerate it (see this test's comment)")
                .isEqualTo(servedTree);
        http.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }
}
