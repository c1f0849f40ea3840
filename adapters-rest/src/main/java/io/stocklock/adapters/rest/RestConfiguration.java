package io.stocklock.adapters.rest;

import io.stocklock.adapters.json.StrictJson;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP API: its controllers, its problem+json advice, and JSON read strictly ({@link StrictJson}: no unknown
 * fields, so a client cannot slip {@code status} or {@code owner} into a body; no field twice; integers only where
 * the contract says integer).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(RestSettings.class)
public class RestConfiguration implements WebMvcConfigurer {

    /** Added to the longest {@code Prefer: wait}: the hand-over to Kafka may take its send timeout before that. */
    private static final Duration ANSWER_MARGIN = Duration.ofMinutes(1);

    private final RestSettings settings;

    RestConfiguration(RestSettings settings) {
        this.settings = settings;
    }

    /**
     * The use case completes every answer: at the latest when the wait is over, after the request was handed over.
     * The container's own async timeout is only a last resort and must never answer before the use case does.
     */
    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer async) {
        async.setDefaultTimeout(settings.maxWait().plus(ANSWER_MARGIN).toMillis());
    }

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::strict;
    }
}
