package io.stocklock.bootstrap;

import io.stocklock.application.port.in.ForgetFinishedReservations;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The work every instance does in the background ({@code stocklock.background.*}); instances share it safely.
 *
 * @param expiryPeriod        how often holds whose time is up are expired
 * @param expiryBatchSize     most holds expired in one transaction
 * @param stalePendingAfter   how long a request may stay PENDING before it is handed to the intake again
 * @param stalePendingPeriod  how often that is looked for
 * @param invariantCheckPeriod how often the stock invariants are checked in the database (a full scan of the
 *                             reservations and the ledger: keep it minutes apart on large tables)
 * @param finishedKept         how long a finished reservation (confirmed, released, expired, rejected, failed) is
 *                             kept after its decision, with its events; its Idempotency-Key is remembered as long.
 *                             The stock ledger is kept until an operator detaches its old partitions
 * @param retentionPeriod      how often finished reservations older than that are deleted, and the ledger's next
 *                             partitions added
 * @param retentionBatchSize   most reservations deleted in one transaction
 * @param retentionBusyShare   most of the time retention keeps the database busy: between batches it rests for the
 *                             rest, so that a backlog does not take the database from the decisions
 * @param ledgerPartition      how much time one partition of the stock ledger covers
 * @param ledgerPartitionsAhead how far ahead of now the ledger's partitions are added
 */
@ConfigurationProperties("stocklock.background")
record BackgroundSettings(
        @DefaultValue("1s") Duration expiryPeriod,
        @DefaultValue("500") int expiryBatchSize,
        @DefaultValue("60s") Duration stalePendingAfter,
        @DefaultValue("10s") Duration stalePendingPeriod,
        @DefaultValue("5m") Duration invariantCheckPeriod,
        @DefaultValue("30d") Duration finishedKept,
        @DefaultValue("10m") Duration retentionPeriod,
        @DefaultValue("1000") int retentionBatchSize,
        @DefaultValue(ForgetFinishedReservations.Pace.DEFAULT_BUSY_SHARE) double retentionBusyShare,
        @DefaultValue("1d") Duration ledgerPartition,
        @DefaultValue("3d") Duration ledgerPartitionsAhead) {

    BackgroundSettings {
        new ForgetFinishedReservations.Pace(retentionBusyShare); // refused at start, not at the first retention run
        if (ledgerPartition.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("stocklock.background.ledger-partition must be at least 1m, not "
                    + ledgerPartition);
        }
        if (ledgerPartitionsAhead.compareTo(retentionPeriod.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("stocklock.background.ledger-partitions-ahead must be at least twice "
                    + "stocklock.background.retention-period (" + retentionPeriod + "), so that a partition is "
                    + "always there before it is needed; it is " + ledgerPartitionsAhead);
        }
    }

    ForgetFinishedReservations.Pace retentionPace() {
        return new ForgetFinishedReservations.Pace(retentionBusyShare);
    }

    ForgetFinishedReservations.Retention retention() {
        return new ForgetFinishedReservations.Retention(finishedKept);
    }
}
