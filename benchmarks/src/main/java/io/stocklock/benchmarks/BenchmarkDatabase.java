package io.stocklock.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.stocklock.adapters.persistence.JdbcTransactions;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.adapters.persistence.outbox.JdbcOutbox;
import io.stocklock.adapters.persistence.outbox.OutboxOutcomeEvents;
import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.adapters.persistence.sale.JdbcSales;
import io.stocklock.adapters.persistence.stock.JdbcInventory;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.adapters.persistence.stock.JdbcStockLevelOutbox;
import io.stocklock.adapters.persistence.waiting.JdbcWaitingList;
import io.stocklock.application.UseCases;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.testsupport.TestPostgres;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** A fresh, migrated database with a workload's SKUs stocked far beyond what a run can sell, and stocklock's use case. */
final class BenchmarkDatabase implements AutoCloseable {

    private static final long STOCK = 1_000_000_000_000L;

    final TestPostgres.TestDatabase database;
    final boolean synchronousCommit;
    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final ProcessReservationsService processReservations;
    /** The same use case on ports that add up their time in {@link #timeSpent}. */
    final ProcessReservationsService timedProcessReservations;
    final TimeSpent timeSpent = new TimeSpent();

    /** @param synchronousCommit whether a commit waits for its WAL flush ({@code synchronous_commit}) */
    BenchmarkDatabase(TestPostgres.TestDatabase database, Workload workload, int connections,
                      boolean synchronousCommit) {
        this.database = database;
        this.synchronousCommit = synchronousCommit;
        dataSource = database.dataSource(connections, TestPostgres.CONNECTION_INIT_SQL + "; SET synchronous_commit = "
                + (synchronousCommit ? "on" : "off"));
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        var transactions = new JdbcTransactions(new DataSourceTransactionManager(dataSource));
        var inventory = new JdbcInventory(jdbc);
        var ledger = new JdbcStockLedger(jdbc);
        var reservations = new JdbcReservationStore(jdbc);
        var events = new OutboxOutcomeEvents(jdbc);
        var outbox = new JdbcOutbox(jdbc);
        var sales = new JdbcSales(jdbc);
        var stockLevels = new JdbcStockLevelOutbox(jdbc);
        var waiting = new JdbcWaitingList(jdbc);
        // the decisions' events go to Kafka after the commit; the Kafka intake's figures include them
        OutcomePublisher broker = outcomes -> { };
        // with the limits a deployment gets by default: each decision reads what its buyers hold of its SKUs
        processReservations = new UseCases(new UseCases.Ports(transactions, reservations, inventory, ledger, events,
                outbox, broker, sales, stockLevels, waiting, Clock.systemUTC()), ReservationPolicy.DEFAULTS).process();
        timedProcessReservations = new UseCases(new UseCases.Ports(timeSpent.timed(Transactions.class, transactions),
                timeSpent.timed(ReservationStore.class, reservations), timeSpent.timed(Inventory.class, inventory),
                timeSpent.timed(StockLedger.class, ledger), events, outbox, broker,
                timeSpent.timed(Sales.class, sales), timeSpent.timed(StockLevelOutbox.class, stockLevels),
                timeSpent.timed(WaitingList.class, waiting), Clock.systemUTC()),
                ReservationPolicy.DEFAULTS).process();
        createSkus(jdbc, workload.skus, STOCK);
    }

    /**
     * SKUs {@code SKU-00000} on ({@link Workload#sku}) with {@code onHand} each: what creating them through the use case
     * writes (stock rows and their CREATED ledger rows), in two statements instead of a transaction each.
     */
    static void createSkus(JdbcClient jdbc, int count, long onHand) {
        jdbc.sql("INSERT INTO inventory (sku, location_id, on_hand) "
                        + "SELECT format('SKU-%s', lpad(i::text, 5, '0')), 'default', :stock "
                        + "FROM generate_series(0, :last) AS i")
                .param("stock", onHand).param("last", count - 1).update();
        jdbc.sql("INSERT INTO stock_movement (sku, location_id, kind, on_hand_delta, reserved_delta, note, at, filed_at) "
                        + "SELECT sku, location_id, 'CREATED', on_hand, 0, 'benchmark stock', now(), now() FROM inventory "
                        + "WHERE sku LIKE 'SKU-%'")
                .update();
    }

    /**
     * SKUs whose reserved count is above on_hand or unlike what the RESERVED rows hold, and, where the strategy keeps
     * stocklock's ledger, unlike the ledger.
     */
    long oversold(boolean ledger) {
        return ledger ? new StockInvariants(jdbc).stockViolations().size() : heldMismatch();
    }

    private long heldMismatch() {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM inventory i
                        LEFT JOIN (SELECT l.sku, SUM(l.quantity) AS quantity
                                   FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id
                                   WHERE r.status = 'RESERVED' GROUP BY l.sku) held USING (sku)
                        WHERE i.reserved > i.on_hand OR i.reserved <> COALESCE(held.quantity, 0)
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
