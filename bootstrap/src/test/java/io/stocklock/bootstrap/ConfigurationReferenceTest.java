package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.rest.RestSettings;
import io.stocklock.adapters.rest.security.SecuritySettings;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every stocklock property has its line in docs/configuration.md. */
class ConfigurationReferenceTest {

    @Test
    void everyStocklockPropertyIsDocumented() throws IOException {
        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (Class<?> settings : List.of(KafkaSettings.class, RestSettings.class, SecuritySettings.class,
                BackgroundSettings.class)) {
            String prefix = settings.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : settings.getRecordComponents()) {
                String property = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
                assertThat(reference).as(property).contains("`" + property + "`");
            }
        }
    }
}
