package io.stocklock.bootstrap;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A health check asked at most once per {@code fresh}: every caller in between gets the last answer. Probes from an
 * orchestrator, a load balancer and operators then cost the checked server one request per period, whatever their
 * number.
 */
final class CachedHealthIndicator implements HealthIndicator {

    private final HealthIndicator checked;
    private final long freshNanos;
    private final LongSupplier nanoTime;
    private Health last;
    private long askedAt;

    /** @param nanoTime the clock of {@code fresh}, {@link System#nanoTime} but in tests */
    CachedHealthIndicator(HealthIndicator checked, Duration fresh, LongSupplier nanoTime) {
        this.checked = checked;
        this.freshNanos = fresh.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized Health health() {
        long now = nanoTime.getAsLong();
        if (last == null || now - askedAt >= freshNanos) {
            last = checked.health();
            askedAt = now;
        }
        return last;
    }
}
