package example.intake;

import io.stocklock.adapters.kafka.KafkaConfiguration;
import io.stocklock.adapters.persistence.PersistenceConfiguration;
import io.stocklock.application.UseCases;
import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.RelayOutcomes;
import io.stocklock.application.port.in.RelayStockLevels;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.StockLevelPublisher;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.domain.reservation.ReservationPolicy;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A service that decides reservation requests arriving on a Kafka topic, and publishes their outcomes on another:
 * stocklock's Kafka intake and PostgreSQL adapter on Spring Boot's auto-configuration ({@code spring.kafka.*},
 * {@code spring.datasource.*}, Flyway), with the use cases {@link UseCases} builds. No HTTP.
 */
@SpringBootApplication
@Import({PersistenceConfiguration.class, KafkaConfiguration.class})
public class KafkaIntakeService {

    public static void main(String[] args) {
        SpringApplication.run(KafkaIntakeService.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    UseCases useCases(Transactions transactions, ReservationStore reservations, Inventory inventory,
                      StockLedger ledger, OutcomeEvents events, Outbox outbox, OutcomePublisher publisher,
                      Sales sales, StockLevelOutbox stockLevels, WaitingList waiting, Clock clock) {
        return new UseCases(new UseCases.Ports(transactions, reservations, inventory, ledger, events, outbox,
                publisher, sales, stockLevels, waiting, clock), ReservationPolicy.DEFAULTS);
    }

    // what the Kafka intake needs: the engine that decides, the use case that records a dead letter as FAILED, and
    // the relays of the outcome and stock-level events; the store's adapter says which failures are worth retrying
    // (DatabaseFailures)

    @Bean
    ProcessReservations processReservations(UseCases useCases) {
        return useCases.process();
    }

    @Bean
    FailReservation failReservation(UseCases useCases) {
        return useCases.fail();
    }

    @Bean
    RelayOutcomes relayOutcomes(UseCases useCases) {
        return useCases.relayOutcomes();
    }

    @Bean
    RelayStockLevels relayStockLevels(UseCases useCases, StockLevelPublisher publisher) {
        return useCases.relayStockLevels(publisher);
    }

    @Bean
    ManageStock manageStock(UseCases useCases) {
        return useCases.manageStock();
    }
}
