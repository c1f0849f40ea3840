package io.stocklock.adapters.rest.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per name in this instance: {@code burst} requests at once, then {@code requestsPerSecond}. Names
 * idle long enough to have a full bucket again are forgotten once more than {@value #MOST_TRACKED} are known.
 */
final class Buckets {

    private static final int MOST_TRACKED = 10_000;

    private final SecuritySettings settings;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    Buckets(SecuritySettings settings) {
        this.settings = settings;
    }

    /** @return 0 if one more request of this name may go, else how many seconds until one may */
    long take(String name) {
        return bucket(name).take(settings);
    }

    /** @return 0 if a request of this name would be let through now, else how many seconds until one would */
    long wait(String name) {
        Bucket bucket = buckets.get(name);
        return bucket == null ? 0 : bucket.wait(settings);
    }

    private Bucket bucket(String name) {
        if (buckets.size() > MOST_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.isFull(settings));
        }
        return buckets.computeIfAbsent(name, key -> new Bucket(settings.burst()));
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            tokens = burst;
        }

        synchronized long take(SecuritySettings settings) {
            long wait = wait(settings);
            if (wait == 0) {
                tokens--;
            }
            return wait;
        }

        synchronized long wait(SecuritySettings settings) {
            refill(settings);
            return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / settings.requestsPerSecond()));
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
