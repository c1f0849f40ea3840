package io.stocklock.adapters.rest;

import static io.stocklock.adapters.rest.InventoryApiTest.problem;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jwt.JWTClaimsSet;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With an issuer and an audience configured, a token is taken only with both, and never without an expiry or a
 * subject.
 */
@WebMvcTest(properties = {"stocklock.security.issuer=https://id.example.com",
        "spring.security.oauth2.resourceserver.jwt.audiences=stocklock"})
class TokenChecksApiTest {

    @Autowired
    MockMvc http;
    @Autowired
    Services services;

    private final String sku = "TOK-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void stock() {
        services.manageStock().create(new CreateStockCommand(Sku.of(sku), 1));
    }

    @Test
    void aTokenNeedsTheIssuerTheAudienceAndAnExpiry() throws Exception {
        http.perform(get("/inventory/" + sku).header("Authorization", token(claims -> claims)))
                .andExpect(status().isOk());

        problem(http.perform(get("/inventory/" + sku).header("Authorization",
                token(claims -> claims.issuer("https://elsewhere.example.com")))), 401, "unauthorized");
        problem(http.perform(get("/inventory/" + sku).header("Authorization",
                token(claims -> claims.issuer(null)))), 401, "unauthorized");
        problem(http.perform(get("/inventory/" + sku).header("Authorization",
                token(claims -> claims.audience("another-service")))), 401, "unauthorized");
        problem(http.perform(get("/inventory/" + sku).header("Authorization",
                token(claims -> claims.audience((String) null)))), 401, "unauthorized");
        problem(http.perform(get("/inventory/" + sku).header("Authorization",
                token(claims -> claims.expirationTime(null)))), 401, "unauthorized");
    }

    @Test
    void aTokenWithoutASubjectIsRefusedLikeAnyUnusableToken() throws Exception {
        problem(http.perform(post("/reservations").contentType("application/json")
                .content("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}")
                .header("Prefer", "wait=5")
                .header("Authorization", token(claims -> claims.subject(null)))), 401, "unauthorized");
        problem(http.perform(get("/inventory/" + sku).header("Authorization",
                token(claims -> claims.subject(" ")))), 401, "unauthorized");
    }

    @Test
    void aTokenIsTakenWithinTheClockSkewAfterItsExpiryAndNotLater() throws Exception {
        http.perform(get("/inventory/" + sku).header("Authorization", token(claims ->
                claims.expirationTime(Date.from(Instant.now().minusSeconds(10)))))).andExpect(status().isOk());
        problem(http.perform(get("/inventory/" + sku).header("Authorization", token(claims ->
                claims.expirationTime(Date.from(Instant.now().minusSeconds(45)))))), 401, "unauthorized");
    }

    @Test
    void aSharedSecretAndAnIssuerUriTogetherRefuseToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(RestTestApplication.class)
                .properties("server.port=0", "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://id.example.com")
                .run().close())
                .hasStackTraceContaining("stocklock.security.jwt-secret and spring.security.oauth2.resourceserver."
                        + "jwt.issuer-uri or jwk-set-uri are both set");
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().subject("alice").claim("scope", TestTokens.ALL_SCOPES)
                .issuer("https://id.example.com").audience("stocklock")
                .issueTime(Date.from(now.minusSeconds(60))).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        return TestTokens.bearer(change.apply(claims), TestTokens.SECRET);
    }
}
