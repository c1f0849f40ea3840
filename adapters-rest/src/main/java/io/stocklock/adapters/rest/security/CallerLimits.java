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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each caller's request rate, as a token bucket per caller in this instance: {@code burst} requests at once, then
 * {@code requestsPerSecond}. More is answered 429 with Retry-After. A caller is a token's subject; a request without
 * a valid token is counted against its client address, so anonymous traffic from one address cannot use up another's
 * budget. Health probes and the metrics scrape are never limited: an overload must not make the instance look dead.
 * Bodies above {@link RequestLimit#REQUEST_BYTES} are answered 413.
 */
class CallerLimits extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = RequestLimit.REQUEST_BYTES.max();
    private static final int MAX_TRACKED_CALLERS = 10_000;

    private final SecuritySettings settings;
    private final JsonMapper json;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    CallerLimits(SecuritySettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
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
        if (buckets.size() > MAX_TRACKED_CALLERS) {
            // callers idle long enough to have a full bucket again need no memory of their own
            buckets.values().removeIf(bucket -> bucket.isFull(settings));
        }
        long waitSeconds = buckets.computeIfAbsent(name, key -> new Bucket(settings.burst())).take(settings);
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

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            tokens = burst;
        }

        /** @return 0 if a request may go, else how many seconds until one may */
        synchronized long take(SecuritySettings settings) {
            refill(settings);
            if (tokens >= 1) {
                tokens--;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / settings.requestsPerSecond()));
        }

        synchronized boolean isFull(SecuritySettings settings) {
            refill(settings);
            return tokens >= settings.burst();
        }

        private void refill(SecuritySettings settings) {
            long now = System.nanoTime();
            tokens = Math.min(settings.burst(), tokens + (now - refilledAt) / 1e9 * settings.requestsPerSecond());
            refilledAt = now;
        }
    }
}
