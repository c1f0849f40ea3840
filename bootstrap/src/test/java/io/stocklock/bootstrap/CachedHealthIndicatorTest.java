package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class CachedHealthIndicatorTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger asked = new AtomicInteger();
    private volatile boolean brokerUp = true;
    private final CachedHealthIndicator health = new CachedHealthIndicator(() -> {
        asked.incrementAndGet();
        return (brokerUp ? Health.up() : Health.down()).build();
    }, Duration.ofSeconds(5), now::get);

    @Test
    void probesWithinThePeriodGetTheLastAnswerWithoutAskingAgain() {
        for (int probe = 0; probe < 10; probe++) {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            now.addAndGet(Duration.ofMillis(400).toNanos());
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void aChangeShowsOnceThePeriodIsOver() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        brokerUp = false;
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(asked).hasValue(2);
    }
}
