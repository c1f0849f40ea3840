package io.stocklock.application.port.in;

import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockChange;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Creates SKUs at locations and changes what is on hand there; every change of on hand is written to the ledger with
 * its reason. Also the locations themselves and what a SKU does when stock is short.
 */
public interface ManageStock {

    CreateResult create(CreateStockCommand command);

    /** @return empty for an unknown SKU */
    Optional<StockResult> adjust(AdjustStockCommand command);

    /** @return empty for an unknown SKU */
    Optional<StockResult> setOnHand(SetOnHandCommand command);

    /** @return empty for an unknown SKU */
    Optional<StockResult> limitBackorders(LimitBackordersCommand command);

    /** @return the SKU's stock with its new policy; empty for an unknown SKU */
    Optional<SkuStock> setShortStock(SetShortStockCommand command);

    /** @return the SKU's stock with its new threshold; empty for an unknown SKU */
    Optional<SkuStock> setLowStock(SetLowStockCommand command);

    /** @return {@code true} if the location was added, {@code false} if an existing one was changed */
    boolean saveLocation(Location location);

    /** @param backorderLimit how many units the location may promise beyond what it has */
    record CreateStockCommand(Sku sku, LocationId location, long onHand, long backorderLimit) {
        public CreateStockCommand {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(location, "location");
            if (onHand < 0) {
                throw new IllegalArgumentException("on-hand quantity must not be negative, was " + onHand);
            }
            if (backorderLimit < 0) {
                throw new IllegalArgumentException("backorder limit must not be negative, was " + backorderLimit);
            }
        }

        /** A SKU at the default location, without backorders. */
        public CreateStockCommand(Sku sku, long onHand) {
            this(sku, LocationId.DEFAULT, onHand, 0);
        }
    }

    /** Restock with a positive delta, write off with a negative one. */
    record AdjustStockCommand(Sku sku, LocationId location, long delta, String reason) {
        public AdjustStockCommand {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(location, "location");
            requireReason(reason);
            if (delta == 0) {
                throw new IllegalArgumentException("delta must not be zero");
            }
        }

        public AdjustStockCommand(Sku sku, long delta, String reason) {
            this(sku, LocationId.DEFAULT, delta, reason);
        }
    }

    /** Compare-and-set: applies only if the SKU's stock did not change since {@code expectedVersion} (the ETag). */
    record SetOnHandCommand(Sku sku, LocationId location, long expectedVersion, long newOnHand, String reason) {
        public SetOnHandCommand {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(location, "location");
            requireReason(reason);
            if (newOnHand < 0) {
                throw new IllegalArgumentException("on-hand quantity must not be negative, was " + newOnHand);
            }
        }

        public SetOnHandCommand(Sku sku, long expectedVersion, long newOnHand, String reason) {
            this(sku, LocationId.DEFAULT, expectedVersion, newOnHand, reason);
        }
    }

    record LimitBackordersCommand(Sku sku, LocationId location, long backorderLimit) {
        public LimitBackordersCommand {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(location, "location");
            if (backorderLimit < 0) {
                throw new IllegalArgumentException("backorder limit must not be negative, was " + backorderLimit);
            }
        }
    }

    /** @param policy the SKU's own policy; empty to follow the deployment's default */
    record SetShortStockCommand(Sku sku, Optional<ShortStock> policy) {
        public SetShortStockCommand {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** @param threshold at how many available units the SKU counts as running low; empty for never */
    record SetLowStockCommand(Sku sku, OptionalLong threshold) {
        public SetLowStockCommand {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(threshold, "threshold");
            if (threshold.isPresent() && threshold.getAsLong() < 0) {
                throw new IllegalArgumentException("threshold must not be negative, was " + threshold.getAsLong());
            }
        }
    }

    /** @param stock the SKU's stock after the change, or as it is when the change was refused */
    record StockResult(StockChange change, SkuStock stock) {
    }

    sealed interface CreateResult {

        record Created(SkuStock stock) implements CreateResult {
        }

        record AlreadyExists(SkuStock stock) implements CreateResult {
        }

        record UnknownLocation(LocationId location) implements CreateResult {
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new IllegalArgumentException("a stock change needs a reason of 1-200 characters");
        }
    }
}
