package io.stocklock.adapters.rest;

import io.stocklock.domain.RequestLimit;
import io.stocklock.domain.reservation.ReservationStatus;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI document the service serves at {@code /v3/api-docs} (checked in as docs/openapi.json): every status each
 * operation answers, the problem+json schema with every problem type, examples, the bearer scheme and the scope of
 * each operation. The request limits come from {@link RequestLimit}, the problem types from {@link Problems}, the
 * operation-specific ones from each handler's {@link OperationContract}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String STOCK_SCHEMA = "StockResponse";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** The problem types every operation can answer with. */
    private static final List<Problems> EVERY_OPERATION = List.of(Problems.UNAUTHORIZED, Problems.FORBIDDEN,
            Problems.TOO_MANY_REQUESTS, Problems.INTERNAL, Problems.DATABASE_UNAVAILABLE);
    /** ... those with a parameter or a body, and those with a body. */
    private static final List<Problems> WITH_PARAMETERS = List.of(Problems.INVALID_REQUEST);
    private static final List<Problems> WITH_A_BODY = List.of(Problems.MALFORMED_JSON,
            Problems.UNSUPPORTED_MEDIA_TYPE, Problems.PAYLOAD_TOO_LARGE);

    @Bean
    OpenAPI stocklockApi() {
        return new OpenAPI()
                .info(new Info().title("stocklock").version("1")
                        .description("Inventory reservations that never oversell. Every error is RFC 9457 "
                                + "problem+json with a stable type (" + Problems.BASE + "...), listed in "
                                + "docs/problems.md and in the Problem schema below."))
                .servers(List.of(new Server().url("/").description("this stocklock instance")))
                .tags(List.of(
                        new Tag().name("reservations").description("Reserve stock, then confirm or release it"),
                        new Tag().name("inventory").description("Stock per SKU and its movements")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT with exp; its subject owns the reservations it makes. Scopes, in the "
                                + "scope claim: reservations:read, reservations:write, inventory:read, "
                                + "inventory:write; each operation says which it needs.")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Every status an operation answers besides its successes, with the scope it needs. */
    @Bean
    OperationCustomizer operationContracts() {
        return (operation, handler) -> {
            OperationContract contract = handler.getMethodAnnotation(OperationContract.class);
            if (contract == null) {
                return operation;
            }
            List<Problems> problems = new ArrayList<>(EVERY_OPERATION);
            boolean body = operation.getRequestBody() != null;
            if (body || (operation.getParameters() != null && !operation.getParameters().isEmpty())) {
                problems.addAll(WITH_PARAMETERS);
            }
            if (body) {
                problems.addAll(WITH_A_BODY);
            }
            problems.addAll(Arrays.asList(contract.problems()));
            Map<Integer, List<Problems>> byStatus = problems.stream().distinct()
                    .collect(Collectors.groupingBy(problem -> problem.status().value(), TreeMap::new,
                            Collectors.toList()));
            byStatus.forEach((status, types) ->
                    operation.getResponses().addApiResponse(status.toString(), problemResponse(status, types)));
            operation.getResponses().forEach((status, response) -> {
                if (status.equals("201") || status.equals("202")) {
                    response.addHeaderObject("Location", new Header().description("what was created or taken")
                            .schema(new StringSchema()));
                }
                if (status.startsWith("2") && carriesASku(response)) {
                    response.addHeaderObject("ETag", new Header().description("the SKU's version, for If-Match")
                            .schema(new StringSchema()));
                }
            });
            String scope = "Needs a token with the scope `" + contract.scope() + "`.";
            operation.setDescription(operation.getDescription() == null ? scope
                    : operation.getDescription() + " " + scope);
            operation.addExtension("x-scope", contract.scope());
            return operation;
        };
    }

    /** Every answer that is a SKU's stock carries its version as ETag. */
    private static boolean carriesASku(ApiResponse response) {
        return response.getContent() != null && response.getContent().values().stream()
                .anyMatch(media -> media.getSchema() != null
                        && ("#/components/schemas/" + STOCK_SCHEMA).equals(media.getSchema().get$ref()));
    }

    private static ApiResponse problemResponse(int status, List<Problems> types) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (Problems type : types) {
            ProblemDetail problem = type.detail(type.title());
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", problem.getType().toString());
            value.put("title", problem.getTitle());
            value.put("status", problem.getStatus());
            value.put("detail", problem.getDetail());
            examples.put(type.slug(), new Example().summary(problem.getTitle()).value(value));
        }
        var response = new ApiResponse()
                .description(types.stream().map(type -> "`" + type.slug() + "`: " + type.title())
                        .collect(Collectors.joining("; ")))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)).examples(examples)));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header().description("Bearer, with the error")
                    .schema(new StringSchema()));
        }
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header().description("seconds to wait before a retry")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    /** The problem+json body (RFC 9457) with the API's problem types. */
    @Bean
    OpenApiCustomizer problemSchema() {
        return api -> {
            Schema<String> type = new StringSchema().format("uri")
                    ._enum(Arrays.stream(Problems.values()).map(problem -> problem.type().toString()).toList());
            api.getComponents().addSchemas(PROBLEM_SCHEMA, new ObjectSchema()
                    .description("RFC 9457 problem details; clients branch on type")
                    .addProperty("type", type)
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema().description("what happened, in words: the field, the "
                            + "rule and the value"))
                    .addProperty("instance", new StringSchema().format("uri-reference"))
                    .addProperty("reservation", new Schema<>().$ref("#/components/schemas/ReservationResponse")
                            .description("the reservation, when it was rejected, and with intake-unavailable"))
                    .required(List.of("type", "title", "status")));
        };
    }

    /** The limits of the request bodies come from the one table of them, the statuses from the domain. */
    @Bean
    OpenApiCustomizer requestLimits() {
        return api -> {
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            limit(schemas, "SubmitRequest", "lines", RequestLimit.LINES);
            limit(schemas, "SubmitRequest", "holdSeconds", RequestLimit.HOLD_SECONDS);
            limit(schemas, "ExtendRequest", "holdSeconds", RequestLimit.HOLD_SECONDS);
            limit(schemas, "LineRequest", "sku", RequestLimit.SKU_LENGTH);
            limit(schemas, "LineRequest", "quantity", RequestLimit.QUANTITY);
            limit(schemas, "LineRequest", "minimum", RequestLimit.QUANTITY);
            limit(schemas, "PlacementRequest", "location", RequestLimit.SKU_LENGTH);
            limit(schemas, "CreateStockRequest", "location", RequestLimit.SKU_LENGTH);
            limit(schemas, "CreateStockRequest", "sku", RequestLimit.SKU_LENGTH);
            schemas.get("ReservationResponse").getProperties().put("status", new StringSchema()
                    ._enum(Arrays.stream(ReservationStatus.values()).map(Enum::name).toList()));
            schemas.get("SubmitRequest").required(List.of("lines"));
            schemas.get("ExtendRequest").required(List.of("holdSeconds"));
            schemas.get("LineRequest").required(List.of("sku", "quantity"));
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
}
