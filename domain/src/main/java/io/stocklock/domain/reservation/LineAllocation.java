package io.stocklock.domain.reservation;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import java.util.List;
import java.util.Objects;

/** How one line of a request is served by the locations of its SKU, or why it cannot be. */
public sealed interface LineAllocation {

    Sku sku();

    /** @param picks the locations that serve the line, each once */
    record Served(Sku sku, long asked, List<Pick> picks) implements LineAllocation {

        public Served {
            Objects.requireNonNull(sku, "sku");
            picks = List.copyOf(picks);
            if (picks.isEmpty()) {
                throw new IllegalArgumentException("a served line has at least one pick");
            }
        }

        /** Units the line gets: what it asked, or less under {@link ShortStock#PARTIAL}. */
        public long granted() {
            return picks.stream().mapToLong(Pick::units).sum();
        }

        /** Units of it promised beyond what the locations have, under {@link ShortStock#BACKORDER}. */
        public long backordered() {
            return picks.stream().mapToLong(Pick::backordered).sum();
        }
    }

    record Refused(Sku sku, RejectionCode code, String reason) implements LineAllocation {
    }
}
