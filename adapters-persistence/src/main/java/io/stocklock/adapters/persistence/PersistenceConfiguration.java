package io.stocklock.adapters.persistence;

import io.stocklock.adapters.persistence.outbox.JdbcOutbox;
import io.stocklock.adapters.persistence.outbox.OutboxOutcomeEvents;
import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.adapters.persistence.sale.JdbcSales;
import io.stocklock.adapters.persistence.stock.JdbcInventory;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.adapters.persistence.stock.JdbcStockLevelOutbox;
import io.stocklock.adapters.persistence.waiting.JdbcWaitingList;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The PostgreSQL implementations of the outgoing ports. Needs a {@link DataSource} and a
 * {@link PlatformTransactionManager} for it; the schema is in {@code classpath:db/migration} for Flyway.
 */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

    private final JdbcClient jdbc;

    PersistenceConfiguration(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Bean
    JdbcTransactions transactions(PlatformTransactionManager transactionManager) {
        return new JdbcTransactions(transactionManager);
    }

    @Bean
    JdbcReservationStore reservationStore() {
        return new JdbcReservationStore(jdbc);
    }

    /** What the door, the Kafka intake and the HTTP problems call a transient failure. */
    @Bean
    DatabaseFailures databaseFailures() {
        return new DatabaseFailures();
    }

    @Bean
    ServiceSecrets serviceSecrets() {
        return new ServiceSecrets(jdbc);
    }

    @Bean
    JdbcInventory inventory() {
        return new JdbcInventory(jdbc);
    }

    @Bean
    JdbcSales sales() {
        return new JdbcSales(jdbc);
    }

    @Bean
    JdbcStockLevelOutbox stockLevels() {
        return new JdbcStockLevelOutbox(jdbc);
    }

    @Bean
    JdbcWaitingList waitingList() {
        return new JdbcWaitingList(jdbc);
    }

    @Bean
    JdbcStockLedger stockLedger() {
        return new JdbcStockLedger(jdbc);
    }

    @Bean
    OutboxOutcomeEvents outcomeEvents() {
        return new OutboxOutcomeEvents(jdbc);
    }

    @Bean
    JdbcOutbox outbox() {
        return new JdbcOutbox(jdbc);
    }
}
