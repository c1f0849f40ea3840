package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.application.fake.MutableClock;
import io.stocklock.application.fake.Services;
import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ExpireReservations.ExpireReservationsCommand;
import io.stocklock.application.port.in.FailReservation.FailReservationCommand;
import io.stocklock.application.port.in.ForgetFinishedReservations;
import io.stocklock.application.port.in.ForgetFinishedReservations.ForgetFinishedReservationsCommand;
import io.stocklock.application.port.in.ManageStock.AdjustStockCommand;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.service.ForgetFinishedReservationsService;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owner runs the migrations; the runtime role stocklock_app does everything the service does, and cannot
 * rewrite history: no UPDATE, DELETE or TRUNCATE of the ledger, no switching its trigger off, no DDL.
 */
class LeastPrivilegeTest {

    private static final String PASSWORD = "runtime-role-password";

    private final TestPostgres.TestDatabase database = TestPostgres.freshDatabase();
    private HikariDataSource owner;
    private PostgresPorts runtime;

    @AfterEach
    void closePools() {
        runtime.dataSource.close();
        owner.close();
    }

    @Test
    void theRuntimeRoleRunsTheServiceAndCannotRewriteTheLedger() {
        owner = database.dataSource(4);
        JdbcClient asOwner = JdbcClient.create(owner);
        asOwner.sql("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'stocklock_app') THEN
                        CREATE ROLE stocklock_app LOGIN PASSWORD '%s';
                    END IF;
                END $$""".formatted(PASSWORD)).update();
        Flyway.configure().dataSource(owner).load().migrate();
        runtime = new PostgresPorts(new TestPostgres.TestDatabase(database.url(), "stocklock_app", PASSWORD)
                .dataSource(4));
        JdbcClient asRuntime = runtime.jdbc;

        // everything the service does, as the runtime role
        var clock = new MutableClock(Instant.now());
        Services services = Services.wire(runtime.ports, clock, new ReservationPolicy(100, Duration.ofHours(1), 50));
        services.manageStock().create(new CreateStockCommand(Sku.of("LP"), 10));
        services.manageStock().adjust(new AdjustStockCommand(Sku.of("LP"), 5, "delivery"));
        var kept = new ReservationRequest(ReservationId.generate(), "lp", List.of(ReservationLine.of("LP", 2)),
                Duration.ofHours(1));
        var confirmed = request();
        var expiring = request();
        services.process().process(new ProcessReservationsCommand(List.of(kept, confirmed, expiring)));
        services.confirm().confirm(new ConfirmReservationCommand(confirmed.id()));
        clock.advance(Duration.ofMinutes(11));
        services.expire().expire(new ExpireReservationsCommand(10));
        services.fail().fail(new FailReservationCommand(ReservationId.generate(), "lp", "not JSON"));
        runtime.ports.outbox().markPublished(asRuntime.sql("SELECT event_id FROM outbox").query(UUID.class).list());
        assertThat(new ServiceSecrets(asRuntime).reservationIds()).hasSizeGreaterThanOrEqualTo(32);
        clock.advance(Duration.ofDays(31));
        var retention = new ForgetFinishedReservationsService(runtime.ports.transactions(),
                runtime.ports.reservations(), clock);
        assertThat(retention.forget(new ForgetFinishedReservationsCommand(
                new ForgetFinishedReservations.Retention(Duration.ofDays(30)), 100))).isEqualTo(3);
        assertThat(services.getReservation().get(kept.id()).orElseThrow().status())
                .isEqualTo(ReservationStatus.RESERVED);
        assertThat(new StockInvariants(asRuntime).stockViolations()).isEmpty();
        assertThat(new StockInvariants(asRuntime).holdingViolations()).isEmpty();

        // the ledger's next partitions, through the one function that adds them
        assertThat(new JdbcStockLedger(asRuntime).addPartitions(Duration.ofDays(1), Duration.ofDays(2)))
                .isBetween(2, 3);

        // and nothing that rewrites what happened
        for (String attempt : List.of("TRUNCATE stock_movement", "DELETE FROM stock_movement",
                "SELECT stock_movement_detach('stock_movement_initial')", "DROP TABLE stock_movement_initial",
                "ALTER TABLE stock_movement DETACH PARTITION stock_movement_initial",
                "UPDATE stock_movement SET note = 'rewritten'", "ALTER TABLE stock_movement DISABLE TRIGGER ALL",
                "DROP TABLE inventory", "ALTER TABLE inventory DROP CONSTRAINT inventory_never_oversold",
                "UPDATE service_secret SET value = value", "CREATE TABLE shadow (id int)")) {
            assertThatThrownBy(() -> asRuntime.sql(attempt).update()).as(attempt).satisfies(refused ->
                    assertThat(NestedExceptionUtils.getMostSpecificCause(refused).getMessage()).as(attempt)
                            .containsAnyOf("permission denied", "must be owner"));
        }
    }

    private static ReservationRequest request() {
        return new ReservationRequest(ReservationId.generate(), "lp", List.of(ReservationLine.of("LP", 2)),
                Duration.ofMinutes(10));
    }
}
