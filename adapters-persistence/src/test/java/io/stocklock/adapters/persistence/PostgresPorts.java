package io.stocklock.adapters.persistence;




import com.zaxxer.hikari.HikariDataSource;
import io.stocklock.adapters.persistence.outbox.JdbcOutbox;
import io.stocklock.adapters.persistence.outbox.OutboxOutcomeEvents;
import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.adapters.persistence.sale.JdbcSales;
import io.stocklock.adapters.persistence.stock.JdbcInventory;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.adapters.persistence.stock.JdbcStockLevelOutbox;
import io.stocklock.adapters.persistence.waiting.JdbcWaitingList;
import io.stocklock.application.fake.Ports;
import io.stocklock.application.fake.RecordingBroker;
import io.stocklock.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The PostgreSQL ports on a fresh, migrated database of the shared test server. */
final class PostgresPorts {

    final HikariDataSource dataSource;
    final JdbcClient jdbc;
    final RecordingBroker broker = new RecordingBroker();
    final Ports ports;

    PostgresPorts(int poolSize) {
        // Flyway holds up to three connections at once (its lock, the migration, the afterMigrate callback)
        this(migrated(TestPostgres.freshDatabase().dataSource(Math.max(3, poolSize))));
    }

    /** The ports on a database that is migrated already, as whoever the pool connects as. */
    PostgresPorts(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        jdbc = JdbcClient.create(dataSource);
        ports = new Ports(new JdbcTransactions(new DataSourceTransactionManager(dataSource)),
                new JdbcReservationStore(jdbc), new JdbcInventory(jdbc), new JdbcStockLedger(jdbc),
                new OutboxOutcomeEvents(jdbc), new JdbcOutbox(jdbc), broker, new JdbcSales(jdbc),
                new JdbcStockLevelOutbox(jdbc), new JdbcWaitingList(jdbc),
                // read without a transaction: each row's lock ends with the statement
                () -> new JdbcOutbox(jdbc).lockUnpublished(Integer.MAX_VALUE),
                broker::published);
    }

    private static HikariDataSource migrated(HikariDataSource dataSource) {
        Flyway.configure().dataSource(dataSource).load().migrate();
        return dataSource;
    }
}
