package io.stocklock.application.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetriesTest {

    @Test
    void waitsDoubleUpToTheLongestAndStopAfterTheLastAttempt() {
        var retries = new Retries(5, Duration.ofMillis(50), Duration.ofMillis(150));

        assertThat(retries.after(1)).contains(Duration.ofMillis(50));
        assertThat(retries.after(2)).contains(Duration.ofMillis(100));
        assertThat(retries.after(3)).contains(Duration.ofMillis(150));
        assertThat(retries.after(4)).contains(Duration.ofMillis(150));
        assertThat(retries.after(5)).isEmpty();
        assertThat(Retries.NONE.after(1)).isEmpty();
    }

    @Test
    void refusesRulesThatMakeNoSense() {
        assertThatThrownBy(() -> new Retries(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retries(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
