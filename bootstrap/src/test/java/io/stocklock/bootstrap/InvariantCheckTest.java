package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stocklock.testsupport.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The invariant check on a real PostgreSQL: one that fails, or stops, says so in health instead of looking clean. */
class InvariantCheckTest {

    private static final Duration PERIOD = Duration.ofMinutes(5);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private InvariantCheck check;

    @BeforeEach
    void migratedDatabase() {
        dataSource = TestPostgres.freshDatabase().dataSource(3);
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        check = new InvariantCheck(jdbc, new SimpleMeterRegistry(), new BackgroundSettings(Duration.ofSeconds(1), 500,
                Duration.ofSeconds(60), Duration.ofSeconds(10), PERIOD, Duration.ofDays(30), Duration.ofMinutes(10),
                1000, 0.2, Duration.ofDays(1), Duration.ofDays(3)), clock);
    }

    @AfterEach
    void closePool() {
        dataSource.close();
    }

    @Test
    void aCheckThatFailsTurnsItDownWithTheReasonUntilOnePasses() {
        check.check();
        assertThat(check.health().getStatus()).isEqualTo(Status.UP);

        // a table the check reads is gone for a while: the check cannot run
        jdbc.sql("ALTER TABLE owner_holding RENAME TO owner_holding_away").update();
        check.check();
        Health failed = check.health();
        assertThat(failed.getStatus()).isEqualTo(Status.DOWN);
        assertThat(failed.getDetails().get("reason").toString())
                .startsWith("the last invariant check failed at 2026-12-06T10:00:00Z: ")
                .contains("owner_holding");
        assertThat(check.lastResult().get("failure").toString()).contains("owner_holding");

        jdbc.sql("ALTER TABLE owner_holding_away RENAME TO owner_holding").update();
        check.check();
        assertThat(check.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void noCheckCompletedForThreePeriodsTurnsItDown() {
        now.set(now.get().plus(InvariantCheck.FIRST_CHECK).plus(PERIOD.multipliedBy(3)));
        assertThat(check.health().getStatus()).as("not yet late").isEqualTo(Status.UP);
        now.set(now.get().plusSeconds(1));
        Health late = check.health();
        assertThat(late.getStatus()).isEqualTo(Status.DOWN);
        assertThat(late.getDetails().get("reason").toString()).isEqualTo(
                "no invariant check completed since 2026-12-06T10:00:10Z, three periods of PT5M");

        check.check();
        assertThat(check.health().getStatus()).isEqualTo(Status.UP);
        now.set(now.get().plus(PERIOD.multipliedBy(3)).plusSeconds(1));
        assertThat(check.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
