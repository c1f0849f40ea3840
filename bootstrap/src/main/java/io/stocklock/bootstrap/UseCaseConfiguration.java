package io.stocklock.bootstrap;

import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.rest.RestSettings;
import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.waiting.DecisionWaiters;
import io.stocklock.application.service.FailReservationService;
import io.stocklock.application.service.GetReservationService;
import io.stocklock.application.service.GetStockService;
import io.stocklock.application.service.HoldLifecycleService;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.NoteDecisionsService;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.application.service.RelayOutcomesService;
import io.stocklock.application.service.RepublishStalePendingService;
import io.stocklock.application.service.SubmitReservationService;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The services carry no framework annotations; they are wired here. */
@Configuration(proxyBeanMethods = false)
class UseCaseConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Clients of this instance waiting for decisions; the consumer completes them as its batches commit. */
    @Bean
    DecisionWaiters decisionWaiters() {
        return new DecisionWaiters();
    }

    /** Decisions of other instances, from their outcome events, for the clients of this one that wait. */
    @Bean
    NoteDecisionsService noteDecisions(DecisionWaiters waiters) {
        return new NoteDecisionsService(waiters);
    }

    @Bean
    ProcessReservationsService processReservations(Transactions transactions, ReservationStore reservations,
                                                   Inventory inventory, StockLedger ledger, OutcomeEvents events,
                                                   DecisionWaiters waiters, Clock clock) {
        return new ProcessReservationsService(transactions, reservations, inventory, ledger, events, waiters, clock);
    }

    /** Confirm, release and expiry: one service for the three ways a hold ends. */
    @Bean
    HoldLifecycleService holdLifecycle(Transactions transactions, ReservationStore reservations, Inventory inventory,
                                       StockLedger ledger, OutcomeEvents events, Clock clock) {
        return new HoldLifecycleService(transactions, reservations, inventory, ledger, events, clock);
    }

    @Bean
    GetReservationService getReservation(ReservationStore reservations) {
        return new GetReservationService(reservations);
    }

    @Bean
    ManageStockService manageStock(Transactions transactions, Inventory inventory, StockLedger ledger, Clock clock) {
        return new ManageStockService(transactions, inventory, ledger, clock);
    }

    @Bean
    FailReservationService failReservation(Transactions transactions, ReservationStore reservations,
                                           OutcomeEvents events, Clock clock) {
        return new FailReservationService(transactions, reservations, events, clock);
    }

    @Bean
    SubmitReservationService submitReservation(Transactions transactions, ReservationStore reservations,
                                               RequestIntake intake, FailReservation failReservation,
                                               DecisionWaiters waiters, RestSettings http, Clock clock) {
        // the request is handed to Kafka on the intake's thread, within the HTTP request's trace
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
        return new SubmitReservationService(transactions, reservations, intake, failReservation, waiters, clock,
                http.inFlightTimeout(), http.mostInFlight(), () -> {
                    ContextSnapshot caller = snapshots.captureAll();
                    return task -> caller.wrap(task).run();
                });
    }

    @Bean
    RepublishStalePendingService republishStalePending(Transactions transactions, ReservationStore reservations,
                                                       RequestIntake intake, Clock clock) {
        return new RepublishStalePendingService(transactions, reservations, intake, clock);
    }

    @Bean
    RelayOutcomesService relayOutcomes(Outbox outbox, OutcomePublisher publisher, KafkaSettings settings) {
        return new RelayOutcomesService(outbox, publisher, settings.relayLease());
    }

    @Bean
    GetStockService getStock(Inventory inventory, StockLedger ledger) {
        return new GetStockService(inventory, ledger);
    }
}
