package io.stocklock.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The contract check finds what docs/openapi.json does not describe, and nothing in what it does. */
class OpenApiContractTest {

    private static final String ID = "0b9a0b8e-7a4c-4c8e-9f0e-2f6f3c1d2e4a";

    @Test
    void aDocumentedAnswerPasses() {
        assertThat(check("GET", "/reservations/" + ID, 200, "application/json", reservation("RESERVED"))).isEmpty();
        assertThat(check("GET", "/reservations/" + ID, 404, "application/problem+json", problem("reservation-not-found",
                404))).isEmpty();
    }

    @Test
    void anAnswerTheDocumentDoesNotListFails() {
        assertThat(check("GET", "/reservations/" + ID, 418, "application/problem+json", problem("internal", 418)))
                .hasValueSatisfying(violation -> assertThat(violation).contains("418"));
        assertThat(check("GET", "/reservations/" + ID, 200, "application/json", reservation("SOLD")))
                .hasValueSatisfying(violation -> assertThat(violation).contains("status"));
        assertThat(check("GET", "/reservations/" + ID, 404, "application/problem+json", problem("no-such-type", 404)))
                .hasValueSatisfying(violation -> assertThat(violation).contains("type"));
    }

    private static Optional<String> check(String method, String path, int status, String type, String body) {
        var request = new MockHttpServletRequest(method, path);
        request.addHeader("Authorization", "Bearer token");
        var response = new MockHttpServletResponse();
        response.setStatus(status);
        response.setContentType(type);
        return OpenApiContract.violation(request, new byte[0], response, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String reservation(String status) {
        return """
                {"id":"%s","owner":"alice","status":"%s","lines":[{"sku":"SKU-1","quantity":2}],"reason":null,
                 "createdAt":"2026-01-01T00:00:00Z","decidedAt":"2026-01-01T00:00:01Z","expiresAt":null}"""
                .formatted(ID, status);
    }

    private static String problem(String type, int status) {
        return """
                {"type":"https://stocklock.io/problems/%s","title":"t","status":%d,"detail":"d"}"""
                .formatted(type, status);
    }
}
