package io.stocklock.adapters.rest;

import io.stocklock.adapters.json.StrictJson;
import io.stocklock.domain.RequestLimit;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
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
    OpenAPI stocklockApi() {
        return new OpenAPI()
                .info(new Info().title("stocklock").version("1")
                        .description("Inventory reservations that never oversell. Errors are RFC 9457 problem+json "
                                + "with stable types (https://stocklock.io/problems/...), listed in docs/problems.md."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("Scopes: reservations:read, reservations:write, inventory:read, "
                                + "inventory:write. The subject owns the reservations it makes.")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** The limits of the request bodies in the document come from the one table of them. */
    @Bean
    OpenApiCustomizer requestLimits() {
        return api -> {
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            limit(schemas, "SubmitRequest", "lines", RequestLimit.LINES);
            limit(schemas, "SubmitRequest", "holdSeconds", RequestLimit.HOLD_SECONDS);
            limit(schemas, "Line", "sku", RequestLimit.SKU_LENGTH);
            limit(schemas, "Line", "quantity", RequestLimit.QUANTITY);
            limit(schemas, "CreateStockRequest", "sku", RequestLimit.SKU_LENGTH);
            schemas.get("SubmitRequest").required(List.of("lines"));
            schemas.get("Line").required(List.of("sku", "quantity"));
        };
    }

    private static void limit(Map<String, Schema> schemas, String schema, String property, RequestLimit limit) {
        Schema<?> field = (Schema<?>) schemas.get(schema).getProperties().get(property);
        switch (limit) {
            case LINES -> field.minItems((int) limit.min()).maxItems((int) limit.max());
            case SKU_LENGTH -> field.minLength((int) limit.min()).maxLength((int) limit.max())
                    .pattern("^" + RequestLimit.SKU_PATTERN + "$");
            default -> field.minimum(BigDecimal.valueOf(limit.min())).maximum(BigDecimal.valueOf(limit.max()));
        }
    }

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::strict;
    }
}
