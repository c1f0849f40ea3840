package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.stocklock.adapters.persistence.outbox.OutboxPublisher;
import io.stocklock.application.UseCases;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Another system imports only the domain, the use cases and this module: a plain Spring context, no Spring Boot, no
 * Kafka, no HTTP. Requests are decided synchronously through the same use cases and the same locking.
 */
class PlainSpringHostTest {

    @Configuration(proxyBeanMethods = false)
    @Import(PersistenceConfiguration.class)
    static class Host {

        @Bean(destroyMethod = "close")
        HikariDataSource dataSource() {
            var dataSource = TestPostgres.freshDatabase().dataSource(4);
            Flyway.configure().dataSource(dataSource).load().migrate();
            return dataSource;
        }

        @Bean
        DataSourceTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        /** The host has no broker: the decisions' events stay in the outbox, for it to read. */
        @Bean
        UseCases useCases(Transactions transactions, ReservationStore reservations, Inventory inventory,
                          StockLedger ledger, OutcomeEvents events, Outbox outbox, Sales sales,
                          StockLevelOutbox stockLevels, WaitingList waiting) {
            return new UseCases(new UseCases.Ports(transactions, reservations, inventory, ledger, events, outbox,
                    new OutboxPublisher(events), sales, stockLevels, waiting, Clock.systemUTC()));
        }

        @Bean
        ProcessReservationsService processReservations(UseCases useCases) {
            return useCases.process();
        }

        @Bean
        ManageStockService manageStock(UseCases useCases) {
            return useCases.manageStock();
        }
    }

    @Test
    void decidesSynchronouslyInsideAHostWithoutKafkaOrHttp() {
        try (var host = new AnnotationConfigApplicationContext(Host.class)) {
            host.getBean(ManageStock.class).create(new CreateStockCommand(Sku.of("HOSTED"), 1));
            var first = new ReservationRequest(ReservationId.generate(), "shop", List.of(ReservationLine.of("HOSTED", 1)),
                    Duration.ofMinutes(5));
            var second = new ReservationRequest(ReservationId.generate(), "shop",
                    List.of(ReservationLine.of("HOSTED", 1)), Duration.ofMinutes(5));

            List<RequestOutcome> outcomes = host.getBean(ProcessReservations.class)
                    .process(new ProcessReservationsCommand(List.of(first, second)));

            assertThat(outcomes).extracting(outcome -> ((RequestOutcome.Decided) outcome).reservation().status())
                    .containsExactly(ReservationStatus.RESERVED, ReservationStatus.REJECTED);
            assertThat(host.getBean(Transactions.class).inTransaction(() -> host.getBean(Outbox.class).lockUnpublished(10)))
                    .extracting(OutcomeEvent::status, OutcomeEvent::reservationId)
                    .containsExactlyInAnyOrder(tuple(ReservationStatus.RESERVED, first.id()),
                            tuple(ReservationStatus.REJECTED, second.id()));
        }
    }
}
