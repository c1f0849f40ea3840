package io.stocklock.adapters.rest;

import io.stocklock.adapters.json.StrictJson;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP API: its controllers, its problem+json advice, and JSON read strictly ({@link StrictJson}: no unknown
 * fields, so a client cannot slip {@code status} or {@code owner} into a body; no field twice; integers only where
 * the contract says integer).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(RestSettings.class)
public class RestConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::strict;
    }
}
