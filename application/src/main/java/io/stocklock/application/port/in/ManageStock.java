package io.stocklock.application.port.in;

import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockChange;
import io.stocklock.domain.stock.StockLevel;
import java.util.Objects;
import java.util.Optional;

/** Creates SKUs and changes what is on hand; every change is written to the ledger with its reason. */
public interface ManageStock {

    CreateResult create(CreateStockCommand command);

    /** @return empty for an unknown SKU */
    Optional<StockChange> adjust(AdjustStockCommand command);

    /** @return empty for an unknown SKU */
    Optional<StockChange> setOnHand(SetOnHandCommand command);

    record CreateStockCommand(Sku sku, long onHand) {
        public CreateStockCommand {
            Objects.requireNonNull(sku, "sku");
            if (onHand < 0) {
                throw new IllegalArgumentException("on-hand quantity must not be negative, was " + onHand);
            }
        }
    }

    /** Restock with a positive delta, write off with a negative one. */
    record AdjustStockCommand(Sku sku, long delta, String reason) {
        public AdjustStockCommand {
            Objects.requireNonNull(sku, "sku");
            requireReason(reason);
            if (delta == 0) {
                throw new IllegalArgumentException("delta must not be zero");
            }
        }
    }

    /** Compare-and-set: applies only if on-hand did not change since {@code expectedVersion} (the ETag). */
    record SetOnHandCommand(Sku sku, long expectedVersion, long newOnHand, String reason) {
        public SetOnHandCommand {
            Objects.requireNonNull(sku, "sku");
            requireReason(reason);
            if (newOnHand < 0) {
                throw new IllegalArgumentException("on-hand quantity must not be negative, was " + newOnHand);
            }
        }
    }

    sealed interface CreateResult {
        StockLevel level();

        record Created(StockLevel level) implements CreateResult {
        }

        record AlreadyExists(StockLevel level) implements CreateResult {
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new IllegalArgumentException("a stock change needs a reason of 1-200 characters");
        }
    }
}
