package io.stocklock.domain.location;

import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.util.Objects;

/** Units of one SKU served by one location, of which {@code backordered} are promised beyond what it has. */
public record Pick(Sku sku, LocationId location, long units, long backordered) {

    public Pick {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(location, "location");
        if (units <= 0 || backordered < 0 || backordered > units) {
            throw new IllegalArgumentException("a pick holds 1 or more units, of which 0 to all backordered, was "
                    + units + " with " + backordered + " backordered");
        }
    }
}
