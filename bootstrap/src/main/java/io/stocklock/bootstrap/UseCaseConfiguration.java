package io.stocklock.bootstrap;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.stocklock.application.grouping.Retries;
import io.stocklock.adapters.rest.RestSettings;
import io.stocklock.application.UseCases;
import io.stocklock.application.failure.FailureClassifier;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.service.FailReservationService;
import io.stocklock.application.service.ForgetFinishedReservationsService;
import io.stocklock.application.service.GetReservationService;
import io.stocklock.application.service.GetStockService;
import io.stocklock.application.service.HoldLifecycleService;
import io.stocklock.application.service.ManageStockService;
import io.stocklock.application.service.ProcessReservationsService;
import io.stocklock.application.service.RelayOutcomesService;
import io.stocklock.application.service.RepublishStalePendingService;
import io.stocklock.application.service.SoldOutService;
import io.stocklock.application.service.SubmitReservationService;
import io.stocklock.adapters.persistence.ServiceSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The services carry no framework annotations; they are wired here. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LimitSettings.class, ReservationSettings.class})
class UseCaseConfiguration {

    /**
     * In whole microseconds, as PostgreSQL keeps time: an answer given from what was just written says the same times
     * as a later read of the row.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    UseCases useCases(Transactions transactions, ReservationStore reservations, Inventory inventory,
                      StockLedger ledger, OutcomeEvents events, Outbox outbox, OutcomePublisher publisher,
                      Clock clock, LimitSettings limits, ReservationSettings serving) {
        return new UseCases(new UseCases.Ports(transactions, reservations, inventory, ledger, events, outbox,
                publisher, clock), limits.toPolicy(serving));
    }

    @Bean
    ProcessReservationsService processReservations(UseCases useCases) {
        return useCases.process();
    }

    /** The SKUs the door refuses as sold out without their lock, until units come back. */
    @Bean
    SoldOutService soldOut(ProcessReservationsService processReservations) {
        return processReservations.soldOut();
    }

    /** Confirm, release and expiry, the three ways a hold ends, and extension: one service. */
    @Bean
    HoldLifecycleService holdLifecycle(UseCases useCases) {
        return useCases.holdLifecycle();
    }

    @Bean
    GetReservationService getReservation(UseCases useCases) {
        return useCases.getReservation();
    }

    @Bean
    ManageStockService manageStock(UseCases useCases) {
        return useCases.manageStock();
    }

    @Bean
    FailReservationService failReservation(UseCases useCases) {
        return useCases.fail();
    }

    /** A door group whose transaction failed for a transient reason is tried again, within about a second. */
    private static final Retries DOOR_RETRIES = new Retries(4, Duration.ofMillis(50), Duration.ofMillis(500));

    @Bean
    SubmitReservationService submitReservation(UseCases useCases, RequestIntake intake, RestSettings http,
                                               ServiceSecrets secrets, FailureClassifier failures) {
        byte[] idSecret = http.idSecret() == null ? secrets.reservationIds()
                : http.idSecret().getBytes(StandardCharsets.UTF_8);
        // the request is handed to Kafka on the intake's thread, within the HTTP request's trace
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
        var settings = new SubmitReservationService.Settings(idSecret, http.mostInFlight(),
                http.lanes(), DOOR_RETRIES);
        return useCases.submitReservation(intake, settings, failures::isTransient, () -> {
            ContextSnapshot caller = snapshots.captureAll();
            return task -> caller.wrap(task).run();
        });
    }

    @Bean
    ForgetFinishedReservationsService forgetFinished(UseCases useCases) {
        return useCases.forgetFinished();
    }

    @Bean
    RepublishStalePendingService republishStalePending(UseCases useCases, RequestIntake intake) {
        return useCases.republishStalePending(intake);
    }

    @Bean
    RelayOutcomesService relayOutcomes(UseCases useCases) {
        return useCases.relayOutcomes();
    }

    @Bean
    GetStockService getStock(UseCases useCases) {
        return useCases.getStock();
    }
}
