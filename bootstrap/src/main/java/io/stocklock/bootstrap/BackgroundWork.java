package io.stocklock.bootstrap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.application.port.in.ExpireReservations.ExpireReservationsCommand;
import io.stocklock.application.port.in.ExpireReservations;
import io.stocklock.application.port.in.ForgetFinishedReservations.ForgetFinishedReservationsCommand;
import io.stocklock.application.port.in.ForgetFinishedReservations;
import io.stocklock.application.port.in.RefreshSoldOut;
import io.stocklock.application.port.in.RepublishStalePending.RepublishStalePendingCommand;
import io.stocklock.application.port.in.RepublishStalePending;
import io.stocklock.application.port.in.ServeWaitingLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Expires lapsed holds, re-submits requests left PENDING, deletes finished reservations past their retention, adds
 * the stock ledger's next partitions, and looks for units back of SKUs the door refuses as sold out; a failed run is logged and tried again next period. Each
 * kind of background work has a thread of its own, so expiry never waits behind a re-submission (a Kafka send of up
 * to its timeout) or the invariant check (a full scan).
 */
@Component
class BackgroundWork {

    static final String EXPIRY = "stocklockExpiryScheduler";
    static final String RESUBMISSION = "stocklockResubmissionScheduler";
    static final String CHECKS = "stocklockChecksScheduler";
    static final String RETENTION = "stocklockRetentionScheduler";
    static final String SOLD_OUT = "stocklockSoldOutScheduler";
    static final String WAITING_LISTS = "stocklockWaitingListScheduler";

    @Configuration(proxyBeanMethods = false)
    static class Schedulers {

        @Bean(EXPIRY)
        ThreadPoolTaskScheduler expiryScheduler() {
            return scheduler("stocklock-expiry-");
        }

        @Bean(RESUBMISSION)
        ThreadPoolTaskScheduler resubmissionScheduler() {
            return scheduler("stocklock-resubmission-");
        }

        @Bean(CHECKS)
        ThreadPoolTaskScheduler checksScheduler() {
            return scheduler("stocklock-checks-");
        }

        @Bean(RETENTION)
        ThreadPoolTaskScheduler retentionScheduler() {
            return scheduler("stocklock-retention-");
        }

        @Bean(SOLD_OUT)
        ThreadPoolTaskScheduler soldOutScheduler() {
            return scheduler("stocklock-sold-out-");
        }

        @Bean(WAITING_LISTS)
        ThreadPoolTaskScheduler waitingListScheduler() {
            return scheduler("stocklock-waiting-lists-");
        }

        private static ThreadPoolTaskScheduler scheduler(String threadNamePrefix) {
            var scheduler = new ThreadPoolTaskScheduler();
            scheduler.setThreadNamePrefix(threadNamePrefix);
            scheduler.setPoolSize(1);
            return scheduler;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
    private static final int STALE_PENDING_BATCH = 500;
    private static final int WAITING_SKUS_PER_RUN = 100;

    private final ExpireReservations expireReservations;
    private final RepublishStalePending republishStalePending;
    private final ForgetFinishedReservations forgetFinished;
    private final RefreshSoldOut soldOut;
    private final ServeWaitingLists waitingLists;
    private final JdbcStockLedger ledger;
    private final BackgroundSettings settings;
    private final Counter forgotten;

    BackgroundWork(ExpireReservations expireReservations, RepublishStalePending republishStalePending,
                   ForgetFinishedReservations forgetFinished, RefreshSoldOut soldOut, ServeWaitingLists waitingLists,
                   JdbcStockLedger ledger, BackgroundSettings settings, MeterRegistry registry) {
        this.expireReservations = expireReservations;
        this.republishStalePending = republishStalePending;
        this.forgetFinished = forgetFinished;
        this.soldOut = soldOut;
        this.waitingLists = waitingLists;
        this.ledger = ledger;
        this.settings = settings;
        this.forgotten = Counter.builder("stocklock.retention.deleted")
                .description("finished reservations deleted after stocklock.background.finished-kept")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${stocklock.background.retention-period:10m}", initialDelay = 30_000,
            scheduler = RETENTION)
    void forgetFinishedReservations() {
        try {
            forgetFinished.forgetDue(new ForgetFinishedReservationsCommand(settings.retention(),
                    settings.retentionBatchSize()), settings.retentionPace(), forgotten::increment);
        } catch (RuntimeException e) {
            LOG.warn("deleting finished reservations failed; trying again in {}", settings.retentionPeriod(), e);
        }
    }

    /** At start and then with retention, the ledger's partitions for the time ahead. */
    @Scheduled(fixedDelayString = "${stocklock.background.retention-period:10m}", scheduler = RETENTION)
    void addLedgerPartitions() {
        try {
            int added = ledger.addPartitions(settings.ledgerPartition(), settings.ledgerPartitionsAhead());
            if (added > 0) {
                LOG.info("added {} partitions of {} to the stock ledger", added, settings.ledgerPartition());
            }
        } catch (RuntimeException e) {
            LOG.warn("adding the stock ledger's next partitions failed (its movements go to its default partition "
                    + "meanwhile); trying again in {}", settings.retentionPeriod(), e);
        }
    }

    /**
     * A SKU this instance refuses as sold out is refused for at most two of these periods after units came back
     * anywhere (see {@code SoldOutService}): one read of the marked SKUs' stock per period, none while nothing is marked.
     */
    @Scheduled(fixedDelayString = "${stocklock.background.sold-out-refresh-period:200ms}", scheduler = SOLD_OUT)
    void lookForUnitsBack() {
        try {
            soldOut.refresh();
        } catch (RuntimeException e) {
            LOG.warn("reading the stock of SKUs refused as sold out failed; trying again next period", e);
        }
    }

    /**
     * What came back of a SKU buyers wait for is offered to them within one of these periods; until then the SKU is
     * refused to newcomers (docs/api.md, "Waiting lists").
     */
    @Scheduled(fixedDelayString = "${stocklock.background.waiting-list-period:200ms}", scheduler = WAITING_LISTS)
    void serveWaitingLists() {
        try {
            waitingLists.serve(WAITING_SKUS_PER_RUN);
        } catch (RuntimeException e) {
            LOG.warn("offering units back to waiting buyers failed; trying again next period", e);
        }
    }

    @Scheduled(fixedDelayString = "${stocklock.background.expiry-period:1s}", scheduler = EXPIRY)
    void expireLapsedHolds() {
        try {
            int expired;
            do {
                expired = expireReservations.expire(new ExpireReservationsCommand(settings.expiryBatchSize()));
            } while (expired == settings.expiryBatchSize());
        } catch (RuntimeException e) {
            LOG.warn("expiring lapsed holds failed; trying again in {}", settings.expiryPeriod(), e);
        }
    }

    @Scheduled(fixedDelayString = "${stocklock.background.stale-pending-period:10s}", scheduler = RESUBMISSION)
    void republishStalePending() {
        try {
            int republished = 0;
            int handed;
            do {
                // a request the door recorded but could not send (the broker was down) waits for this sweep
                handed = republishStalePending.republish(
                        new RepublishStalePendingCommand(settings.stalePendingAfter(), STALE_PENDING_BATCH));
                republished += handed;
            } while (handed == STALE_PENDING_BATCH);
            if (republished > 0) {
                LOG.info("handed {} requests left PENDING to the intake again", republished);
            }
        } catch (RuntimeException e) {
            LOG.warn("re-submitting stale PENDING requests failed; trying again in {}",
                    settings.stalePendingPeriod(), e);
        }
    }
}
