package io.stocklock.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * Checks the HTTP exchanges of tests against docs/openapi.json, so that the document cannot drift from what the
 * service does: every answer must be one the document lists for that operation (status, content type, body schema,
 * headers), and every request the service accepted (2xx) must be one the document allows. A refused request is not
 * checked against the document, since tests send invalid requests on purpose; its answer still is. Paths the document
 * does not describe (actuator, the document itself) and HEAD requests are skipped.
 *
 * <p>MockMvc tests: {@code alwaysExpect(OpenApiContract.conforms())}. Tests over a real port:
 * {@link OpenApiContractFilter} in the service.
 */
public final class OpenApiContract implements ResultMatcher {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");
    private static volatile OpenApiInteractionValidator validator;

    private OpenApiContract() {
    }

    public static ResultMatcher conforms() {
        return new OpenApiContract();
    }

    @Override
    public void match(MvcResult result) {
        if (result.getRequest().isAsyncStarted()) {
            return; // the answer is written by the async dispatch, which is checked when the test performs it
        }
        violation(result.getRequest(), result.getRequest().getContentAsByteArray(), result.getResponse(),
                result.getResponse().getContentAsByteArray()).ifPresent(violation -> {
                    throw new AssertionError(violation);
                });
    }

    /** What in this exchange the document does not describe, if anything. */
    static Optional<String> violation(HttpServletRequest request, byte[] requestBody, HttpServletResponse response,
                                      byte[] responseBody) {
        String path = request.getRequestURI();
        if (path.startsWith("/actuator") || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui")
                || request.getMethod().equals("HEAD")) {
            return Optional.empty(); // not API operations; HEAD is GET without a body, which the document does not repeat
        }
        String answered = new String(responseBody, StandardCharsets.UTF_8);
        var answer = SimpleResponse.Builder.status(response.getStatus()).withBody(answered);
        for (String name : response.getHeaderNames()) {
            answer.withHeader(name, response.getHeaders(name).stream().toList());
        }
        var asked = new SimpleRequest.Builder(request.getMethod(), path);
        for (String name : Collections.list(request.getHeaderNames())) {
            asked.withHeader(name, Collections.list(request.getHeaders(name)));
        }
        request.getParameterMap().forEach(asked::withQueryParam);
        if (requestBody != null && requestBody.length > 0) {
            asked.withBody(new String(requestBody, StandardCharsets.UTF_8));
        }
        ValidationReport report = response.getStatus() / 100 == 2
                ? validator().validate(asked.build(), answer.build())
                : validator().validateResponse(path, Request.Method.valueOf(request.getMethod()), answer.build());
        if (!report.hasErrors() || noSuchOperation(report, response)) {
            return Optional.empty();
        }
        return Optional.of(request.getMethod() + " " + path + " answered " + response.getStatus()
                + " in a way docs/openapi.json does not describe:\n"
                + report.getMessages().stream().map(message -> "  " + message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining("\n"))
                + "\nbody: " + answered);
    }

    /** A path or method the API does not have has no operation in the document: its answer is 404 or 405. */
    private static boolean noSuchOperation(ValidationReport report, HttpServletResponse response) {
        return (response.getStatus() == 404 || response.getStatus() == 405)
                && String.valueOf(response.getContentType()).startsWith("application/problem+json")
                && report.getMessages().stream().allMatch(message -> message.getKey().equals(
                        "validation.request.path.missing")
                        || message.getKey().equals("validation.request.operation.notAllowed"));
    }

    private static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (OpenApiContract.class) {
                if (validator == null) {
                    try {
                        validator = OpenApiInteractionValidator
                                .createForInlineApiSpecification(Files.readString(DOCUMENT)).build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return validator;
    }
}
