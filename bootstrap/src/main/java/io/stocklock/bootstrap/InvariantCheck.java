package io.stocklock.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stocklock.adapters.persistence.StockInvariants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks the guarantees in the database itself, on a schedule: for every SKU, reserved lies in [0, on_hand], equals
 * what RESERVED reservations hold, and agrees with the ledger; every owner's recorded holding equals what its
 * RESERVED reservations hold. A drift shows as the {@code stocklock.invariant.violations} metric, a WARNING in
 * health, and an error in the log. A check that fails (the database refused it, or it took longer than the
 * statement timeout), or no check completed for three periods, turns this component DOWN with the reason: a check
 * that silently stopped would look like a clean one. The check is a full scan, so it runs once at a time, and
 * {@code GET /actuator/invariants} (scope {@code operations}) answers the last result without scanning;
 * {@code POST /actuator/invariants} runs one now unless one is running.
 */
@Component
@Endpoint(id = "invariants")
class InvariantCheck implements HealthIndicator {

    static final Status WARNING = new Status("WARNING", "stock and reservations disagree; see /actuator/invariants");
    private static final Logger LOG = LoggerFactory.getLogger(InvariantCheck.class);

    /** The first check runs this long after the start. */
    static final Duration FIRST_CHECK = Duration.ofSeconds(10);

    private final StockInvariants invariants;
    private final Clock clock;
    private final Duration period;
    private final Instant started;
    private final ReentrantLock running = new ReentrantLock();
    private volatile List<String> lastViolations = List.of();
    private volatile Instant lastCheck;
    private volatile String lastFailure;

    InvariantCheck(JdbcClient jdbc, MeterRegistry registry, BackgroundSettings settings, Clock clock) {
        this.invariants = new StockInvariants(jdbc);
        this.clock = clock;
        this.period = settings.invariantCheckPeriod();
        this.started = clock.instant();
        Gauge.builder("stocklock.invariant.violations", this, check -> check.lastViolations.size())
                .description("SKUs whose stock disagrees with reservations or the ledger, at the last check")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${stocklock.background.invariant-check-period:5m}", initialDelay = 10_000,
            scheduler = BackgroundWork.CHECKS)
    void scheduled() {
        check();
    }

    /** The last check's result; no scan. */
    @ReadOperation
    Map<String, Object> lastResult() {
        return Map.of("checkedAt", lastCheck == null ? "not yet" : lastCheck.toString(),
                "running", running.isLocked(), "violations", lastViolations,
                "failure", lastFailure == null ? "none" : lastFailure);
    }

    /** Checks now, unless a check is running already; answers the result either way. */
    @WriteOperation
    Map<String, Object> check() {
        if (running.tryLock()) {
            try {
                List<String> violations = new ArrayList<>(invariants.stockViolations());
                violations.addAll(invariants.holdingViolations());
                violations.addAll(invariants.allocationViolations());
                lastViolations = violations;
                lastCheck = clock.instant();
                lastFailure = null;
                if (!violations.isEmpty()) {
                    LOG.error("stock invariants violated for {} SKUs: {}", violations.size(), violations);
                }
            } catch (RuntimeException e) {
                lastFailure = clock.instant() + ": " + NestedExceptionUtils.getMostSpecificCause(e).getMessage();
                LOG.error("the invariant check failed; trying again next period", e);
            } finally {
                running.unlock();
            }
        }
        return lastResult();
    }

    @Override
    public Health health() {
        Instant since = lastCheck == null ? started.plus(FIRST_CHECK) : lastCheck;
        if (lastFailure != null) {
            return Health.down().withDetail("reason", "the last invariant check failed at " + lastFailure)
                    .withDetail("checkedAt", lastCheck == null ? "not yet" : lastCheck.toString()).build();
        }
        if (clock.instant().isAfter(since.plus(period.multipliedBy(3)))) {
            return Health.down().withDetail("reason", "no invariant check completed since " + since
                    + ", three periods of " + period).build();
        }
        return (lastViolations.isEmpty() ? Health.up() : Health.status(WARNING))
                .withDetail("violations", lastViolations.size())
                .withDetail("checkedAt", lastCheck == null ? "not yet" : lastCheck.toString())
                .build();
    }
}
