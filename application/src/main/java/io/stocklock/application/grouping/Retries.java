package io.stocklock.application.grouping;

import java.time.Duration;
import java.util.Optional;

/**
 * How often, and after how long, work that failed for a transient reason is tried again: the first retry after
 * {@code first}, each later one after twice the wait before, never longer than {@code longest}.
 *
 * @param attempts most attempts in all, the first included
 */
public record Retries(int attempts, Duration first, Duration longest) {

    public static final Retries NONE = new Retries(1, Duration.ZERO, Duration.ZERO);

    public Retries {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        if (first.isNegative() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("waits must be positive, the longest at least the first");
        }
    }

    /** @return how long to wait before the next attempt, after {@code failed} attempts failed; empty: give up */
    public Optional<Duration> after(int failed) {
        if (failed >= attempts) {
            return Optional.empty();
        }
        Duration wait = first;
        for (int i = 1; i < failed && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return Optional.of(wait.compareTo(longest) > 0 ? longest : wait);
    }
}
