package io.stocklock.bootstrap;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.stocklock.adapters.persistence.ServiceSecrets;
import io.stocklock.adapters.rest.RestSettings;
import io.stocklock.application.UseCases;
import io.stocklock.application.failure.FailureClassifier;
import io.stocklock.application.grouping.Retries;
import io.stocklock.application.port.in.ConfirmReservation;
import io.stocklock.application.port.in.ExpireReservations;
import io.stocklock.application.port.in.ExtendHold;
import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.in.ForgetFinishedReservations;
import io.stocklock.application.port.in.GetReservation;
import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.in.ImportStock;
import io.stocklock.application.port.in.ManageSales;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.RefreshSoldOut;
import io.stocklock.application.port.in.RelayOutcomes;
import io.stocklock.application.port.in.RelayStockLevels;
import io.stocklock.application.port.in.ReleaseReservation;
import io.stocklock.application.port.in.RepublishStalePending;
import io.stocklock.application.port.in.ServeWaitingLists;
import io.stocklock.application.port.in.SubmitReservation;
import io.stocklock.application.port.in.WaitForStock;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.application.port.out.OutcomePublisher;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.StockLevelPublisher;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.application.port.out.WaitingList;
import io.stocklock.application.service.SubmitReservationService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
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
                      Sales sales, StockLevelOutbox stockLevels, WaitingList waiting, Clock clock,
                      LimitSettings limits, ReservationSettings serving) {
        return new UseCases(new UseCases.Ports(transactions, reservations, inventory, ledger, events, outbox,
                publisher, sales, stockLevels, waiting, clock), limits.toPolicy(serving));
    }

    @Bean
    ProcessReservations processReservations(UseCases useCases) {
        return useCases.process();
    }

    /** The SKUs the door refuses as sold out without their lock, until units come back. */
    @Bean
    RefreshSoldOut soldOut(UseCases useCases) {
        return useCases.process().soldOut();
    }

    // confirm, release, expiry and extension are one service (the ways a hold changes); each is a bean of its port

    @Bean
    ConfirmReservation confirmReservation(UseCases useCases) {
        return useCases.holdLifecycle()::confirm;
    }

    @Bean
    ReleaseReservation releaseReservation(UseCases useCases) {
        return useCases.holdLifecycle()::release;
    }

    @Bean
    ExpireReservations expireReservations(UseCases useCases) {
        return useCases.holdLifecycle()::expire;
    }

    @Bean
    ExtendHold extendHold(UseCases useCases) {
        return useCases.holdLifecycle()::extend;
    }

    @Bean
    GetReservation getReservation(UseCases useCases) {
        return useCases.getReservation();
    }

    @Bean
    ManageStock manageStock(UseCases useCases) {
        return useCases.manageStock();
    }

    @Bean
    ManageSales manageSales(UseCases useCases) {
        return useCases.manageSales();
    }

    @Bean
    ImportStock importStock(UseCases useCases) {
        return useCases.importStock();
    }

    @Bean
    FailReservation failReservation(UseCases useCases) {
        return useCases.fail();
    }

    /** A door group whose transaction failed for a transient reason is tried again, within about a second. */
    private static final Retries DOOR_RETRIES = new Retries(4, Duration.ofMillis(50), Duration.ofMillis(500));

    @Bean
    SubmitReservation submitReservation(UseCases useCases, RequestIntake intake, RestSettings http,
                                               ServiceSecrets secrets, FailureClassifier failures) {
        byte[] idSecret = http.idSecret() == null ? secrets.reservationIds()
                : http.idSecret().getBytes(StandardCharsets.UTF_8);
        // the request is handed to Kafka on the intake's thread, within the HTTP request's trace
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
        var settings = new SubmitReservationService.Settings(idSecret, http.mostInFlight(),
                http.lanes(), http.linger(), DOOR_RETRIES);
        return useCases.submitReservation(intake, settings, failures, () -> {
            ContextSnapshot caller = snapshots.captureAll();
            return task -> caller.wrap(task).run();
        });
    }

    @Bean
    ForgetFinishedReservations forgetFinished(UseCases useCases) {
        return useCases.forgetFinished();
    }

    /** How long decisions are remembered: the request intake does not decide again what may have been forgotten. */
    @Bean
    ForgetFinishedReservations.Retention retention(BackgroundSettings settings) {
        return settings.retention();
    }

    @Bean
    RepublishStalePending republishStalePending(UseCases useCases, RequestIntake intake) {
        return useCases.republishStalePending(intake);
    }

    @Bean
    RelayOutcomes relayOutcomes(UseCases useCases) {
        return useCases.relayOutcomes();
    }

    @Bean
    WaitForStock waitForStock(UseCases useCases, LimitSettings limits) {
        return useCases.waitForStock(limits.maxWaitingPerSku());
    }

    @Bean
    ServeWaitingLists serveWaitingLists(UseCases useCases) {
        return useCases.process();
    }

    @Bean
    RelayStockLevels relayStockLevels(UseCases useCases, StockLevelPublisher publisher) {
        return useCases.relayStockLevels(publisher);
    }

    @Bean
    GetStock getStock(UseCases useCases) {
        return useCases.getStock();
    }
}
