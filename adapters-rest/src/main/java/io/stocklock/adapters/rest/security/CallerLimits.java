package io.stocklock.adapters.rest.security;

import io.stocklock.adapters.rest.LimitedBody;
import io.stocklock.adapters.rest.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each caller's request rate, as a token bucket per caller in this instance: {@code burst} requests at once, then
 * {@code requestsPerSecond}. More is answered 429 with Retry-After. Bodies above 64 KiB are answered 413.
 */
class CallerLimits extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_TRACKED_CALLERS = 10_000;

    private final SecuritySettings settings;
    private final JsonMapper json;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    CallerLimits(SecuritySettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            SecurityConfiguration.problem(response, json, Problems.PAYLOAD_TOO_LARGE.detail("the body has "
                    + request.getContentLengthLong() + " bytes; at most " + MAX_BODY_BYTES + " are accepted"), null);
            return;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String name = caller == null || !caller.isAuthenticated() ? "anonymous" : caller.getName();
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
        chain.doFilter(new LimitedBody(request, MAX_BODY_BYTES), response);
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
