package io.stocklock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.stocklock.adapters.persistence.JdbcTransactions;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.adapters.persistence.outbox.OutboxOutcomeEvents;
import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.adapters.persistence.stock.JdbcInventory;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestPostgres;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** A fresh, migrated database with the hot SKU stocked far beyond what a run can sell, and stocklock's use case. */
final class BenchmarkDatabase implements AutoCloseable {

    static final Sku HOT = Sku.of("HOT");

    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final ProcessReservationsService processReservations;

    /** @param synchronousCommit whether a commit waits for its WAL flush ({@code synchronous_commit}) */
    BenchmarkDatabase(TestPostgres.TestDatabase database, int connections, boolean synchronousCommit) {
        dataSource = database.dataSource(connections, TestPostgres.CONNECTION_INIT_SQL + "; SET synchronous_commit = "
                + (synchronousCommit ? "on" : "off"));
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        var transactions = new JdbcTransactions(new DataSourceTransactionManager(dataSource));
        var inventory = new JdbcInventory(jdbc);
        var ledger = new JdbcStockLedger(jdbc);
        processReservations = new ProcessReservationsService(transactions, new JdbcReservationStore(jdbc), inventory,
                ledger, new OutboxOutcomeEvents(jdbc), Clock.systemUTC());
        new ManageStockService(transactions, inventory, ledger, Clock.systemUTC())
                .create(new CreateStockCommand(HOT, 1_000_000_000_000L));
    }

    /** SKUs that break stocklock's invariants: reserved outside [0, on_hand], unlike its lines, or its ledger. */
    long violations() {
        return new StockInvariants(jdbc).stockViolations().size();
    }

    /** For strategies that keep no ledger: reserved must still equal what the reservation rows hold. */
    long heldMismatch() {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM inventory i
                        WHERE i.reserved > i.on_hand OR i.reserved <> (
                            SELECT COALESCE(SUM(l.quantity), 0) FROM reservation r
                            JOIN reservation_line l ON l.reservation_id = r.id
                            WHERE r.status = 'RESERVED' AND l.sku = i.sku)
                        """).query(Long.class).single();
    }

    /** WAL flushes to disk so far, server-wide (PostgreSQL 14 to 17's pg_stat_wal). */
    long walSyncs() {
        return jdbc.sql("SELECT wal_sync FROM pg_stat_wal").query(Long.class).single();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
