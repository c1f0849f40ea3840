package io.stocklock.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signed bearer tokens (HS256) for tests and the local run; {@link #SECRET} is what those configure. */
public final class TestTokens {

    public static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";
    public static final String ALL_SCOPES = "reservations:read reservations:write inventory:read inventory:write";

    private TestTokens() {
    }

    public static String bearer(String subject, String scopes) {
        return bearer(subject, scopes, Duration.ofMinutes(5), SECRET);
    }

    public static String bearer(String subject, String scopes, Duration validFor, String secret) {
        Instant now = Instant.now();
        return bearer(new JWTClaimsSet.Builder().subject(subject).claim("scope", scopes)
                .issueTime(Date.from(now.minusSeconds(60))).expirationTime(Date.from(now.plus(validFor))), secret);
    }

    /** A token with exactly these claims (none added), signed HS256 with the secret. */
    public static String bearer(JWTClaimsSet.Builder claims, String secret) {
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return "Bearer " + jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
