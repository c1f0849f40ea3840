package io.stocklock.adapters.rest.security;

import io.stocklock.adapters.rest.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer tokens refused (forged, expired, unusable) are counted against the client address that sent them, with the
 * budget of any caller. Once an address has used it up, its requests that carry a bearer token are answered 429
 * before their token is checked, until the budget refills: checking them is the work a flood of bad tokens costs,
 * and a good token cannot be told from a bad one without it. Requests without a token are limited by
 * {@link CallerLimits}.
 */
final class RefusedTokens extends OncePerRequestFilter {

    private final Buckets refused;
    private final SecuritySettings settings;
    private final JsonMapper json;

    RefusedTokens(SecuritySettings settings, JsonMapper json) {
        this.refused = new Buckets(settings);
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return CallerLimits.isProbe(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long waitSeconds = carriesBearerToken(request) ? refused.wait(request.getRemoteAddr()) : 0;
        if (waitSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
            SecurityConfiguration.problem(response, json, Problems.TOO_MANY_REQUESTS.detail("more than "
                    + settings.requestsPerSecond() + " refused tokens per second from address "
                    + request.getRemoteAddr()), null);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts a request refused for want of a usable token, when it carried one. */
    void refused(HttpServletRequest request) {
        if (carriesBearerToken(request)) {
            refused.take(request.getRemoteAddr());
        }
    }

    private static boolean carriesBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
