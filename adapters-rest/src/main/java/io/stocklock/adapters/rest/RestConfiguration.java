package io.stocklock.adapters.rest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;

/**
 * The HTTP API: its controllers, its problem+json advice, and JSON that refuses fields it does not know (so a client
 * cannot slip {@code status} or {@code owner} into a body).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(RestSettings.class)
public class RestConfiguration {

    @Bean
    JsonMapperBuilderCustomizer refuseUnknownFields() {
        return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
