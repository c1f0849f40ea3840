package io.stocklock.application.port.in;

import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.stock.Sku;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits on what one buyer may get of a sale: one SKU or several. A SKU belongs to one sale at most, and joins or
 * leaves a sale only while none of its units are held, so a hold that ends gives its units back to the sale it was
 * counted in.
 */
public interface ManageSales {

    PutResult put(Sale sale);

    /** @param buyer when given, what this buyer got of the sale is read too */
    Optional<SaleView> find(SaleId id, Optional<String> buyer);

    /** @param got what the buyer asked about got of the sale (held plus confirmed units) */
    record SaleView(Sale sale, Optional<Long> got) {
        public SaleView {
            Objects.requireNonNull(sale, "sale");
            Objects.requireNonNull(got, "got");
        }
    }

    sealed interface PutResult {

        /** @param created {@code false} when an existing sale was replaced */
        record Stored(Sale sale, boolean created) implements PutResult {
        }

        record UnknownSku(Sku sku) implements PutResult {
        }

        /** The SKU belongs to another sale: that sale must let it go first. */
        record SkuInAnotherSale(Sku sku, SaleId sale) implements PutResult {
        }

        /** The SKU would join or leave the sale while units of it are held. */
        record SkuHeld(Sku sku, long reserved) implements PutResult {
        }
    }
}
