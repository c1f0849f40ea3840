package io.stocklock.adapters.rest.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API ({@code stocklock.security.*}). Tokens are JWTs checked against a shared secret (HS256, set
 * {@code jwt-secret}) or, when no secret is set, against Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} (JWK set URI, issuer URI or public key).
 *
 * @param enabled             false lets every request in as {@code anonymous}: for trying things out only
 * @param jwtSecret           the HS256 secret, at least 32 bytes
 * @param issuer              with the shared secret: the {@code iss} every token must carry, when set
 * @param clockSkew           with the shared secret: how long after its {@code exp} a token is still taken
 * @param requestsPerSecond   each caller's sustained request rate (a token's subject, or a client address without a
 *                            token); more is answered 429. Health probes and metrics are never limited
 * @param burst               how many requests a caller may send at once above that rate
 */
@ConfigurationProperties("stocklock.security")
public record SecuritySettings(
        @DefaultValue("true") boolean enabled,
        String jwtSecret,
        String issuer,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("100") double requestsPerSecond,
        @DefaultValue("200") int burst) {
}
