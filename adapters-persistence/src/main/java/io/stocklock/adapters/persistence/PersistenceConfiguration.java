package io.stocklock.adapters.persistence;

import io.stocklock.adapters.persistence.idempotency.JdbcIdempotencyRecords;
import io.stocklock.adapters.persistence.outbox.JdbcOutbox;
import io.stocklock.adapters.persistence.outbox.OutboxOutcomeEvents;
import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.adapters.persistence.stock.JdbcInventory;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
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

    @Bean
    JdbcTransactions transactions(PlatformTransactionManager transactionManager) {
        return new JdbcTransactions(transactionManager);
    }

    @Bean
    JdbcReservationStore reservationStore(DataSource dataSource) {
        return new JdbcReservationStore(JdbcClient.create(dataSource));
    }

    @Bean
    JdbcInventory inventory(DataSource dataSource) {
        return new JdbcInventory(JdbcClient.create(dataSource));
    }

    @Bean
    JdbcStockLedger stockLedger(DataSource dataSource) {
        return new JdbcStockLedger(JdbcClient.create(dataSource));
    }

    @Bean
    OutboxOutcomeEvents outcomeEvents(DataSource dataSource) {
        return new OutboxOutcomeEvents(JdbcClient.create(dataSource));
    }

    @Bean
    JdbcIdempotencyRecords idempotencyRecords(DataSource dataSource) {
        return new JdbcIdempotencyRecords(JdbcClient.create(dataSource));
    }

    @Bean
    JdbcOutbox outbox(DataSource dataSource) {
        return new JdbcOutbox(JdbcClient.create(dataSource));
    }
}
