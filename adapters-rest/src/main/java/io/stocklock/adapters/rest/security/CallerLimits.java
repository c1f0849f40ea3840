package io.stocklock.adapters.rest.security;

import io.stocklock.adapters.rest.LimitedBody;
import io.stocklock.application.port.in.ImportStock;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.domain.RequestLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each caller's request rate, as a token bucket per caller in this instance: {@code burst} requests at once, then
 * {@code requestsPerSecond}. More is answered 429 with Retry-After. A caller is a token's subject; a request without
 * a valid token is counted against its client address, so anonymous traffic from one address cannot use up another's
 * budget ({@link RefusedTokens} limits the tokens refused). Health probes and the metrics scrape are never limited:
 * an overload must not make the instance look dead.
 * Bodies above {@link RequestLimit#REQUEST_BYTES} are answered 413.
 */
class CallerLimits extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = RequestLimit.REQUEST_BYTES.max();

    private final SecuritySettings settings;
    private final JsonMapper json;
    private final Buckets buckets;

    CallerLimits(SecuritySettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.buckets = new Buckets(settings);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return isProbe(request);
    }

    /** Health probes and the metrics scrape. */
    static boolean isProbe(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/actuator/prometheus");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long mostBytes = isImport(request) ? ImportStock.MOST_BYTES : MAX_BODY_BYTES;
        if (request.getContentLengthLong() > mostBytes) {
            SecurityConfiguration.problem(response, json, Problems.PAYLOAD_TOO_LARGE.detail("the body has "
                    + request.getContentLengthLong() + " bytes; at most " + mostBytes + " are accepted"), null);
            return;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String name = caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken
                ? "address " + request.getRemoteAddr() : caller.getName();
        long waitSeconds = buckets.take(name);
        if (waitSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(waitSeconds));
            SecurityConfiguration.problem(response, json, Problems.TOO_MANY_REQUESTS.detail("more than "
                    + settings.requestsPerSecond() + " requests per second from " + name), null);
            return;
        }
        chain.doFilter(new LimitedBody(request, mostBytes), response);
    }

    /** A stock import streams many lines: its body may be larger than any other. */
    private static boolean isImport(HttpServletRequest request) {
        return request.getMethod().equals("POST")
                && request.getRequestURI().substring(request.getContextPath().length()).equals("/inventory/import");
    }
}
