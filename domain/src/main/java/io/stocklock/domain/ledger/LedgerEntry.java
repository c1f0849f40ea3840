package io.stocklock.domain.ledger;

import java.time.Instant;
import java.util.Objects;

/** A movement as the ledger recorded it: its place in the ledger and when it was written. */
public record LedgerEntry(long sequence, Instant at, StockMovement movement) {

    public LedgerEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(movement, "movement");
    }
}
