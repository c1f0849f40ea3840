package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every stocklock property, as the configuration processor describes it to IDEs (each module's
 * {@code META-INF/spring-configuration-metadata.json}), has a description and its line in docs/configuration.md,
 * with the default the code has.
 */
class ConfigurationReferenceTest {

    @Test
    void everyStocklockPropertyIsDescribedAndDocumentedWithItsDefault() throws IOException {
        List<JsonNode> properties = stocklockProperties();
        assertThat(properties).extracting(property -> property.get("name").asString())
                .as("the settings of every module")
                .anyMatch(name -> name.startsWith("stocklock.http."))
                .anyMatch(name -> name.startsWith("stocklock.kafka."))
                .anyMatch(name -> name.startsWith("stocklock.security."))
                .anyMatch(name -> name.startsWith("stocklock.limits."))
                .anyMatch(name -> name.startsWith("stocklock.background."));

        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (JsonNode property : properties) {
            String name = property.get("name").asString();
            assertThat(property.path("description").asString("")).as(name + " has a description").isNotBlank();
            String row = reference.lines().filter(line -> line.startsWith("| `" + name + "`")).findFirst()
                    .orElse(null);
            assertThat(row).as(name + " in docs/configuration.md").isNotNull();
            if (property.has("defaultValue")) {
                String defaultValue = property.get("defaultValue").asString();
                assertThat(row).as(name + "'s default").contains("| `" + defaultValue + "` |");
            }
        }
    }

    private static List<JsonNode> stocklockProperties() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> properties = new ArrayList<>();
        for (URL metadata : Collections.list(ConfigurationReferenceTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    if (property.get("name").asString().startsWith("stocklock.")) {
                        properties.add(property);
                    }
                }
            }
        }
        return properties;
    }
}
