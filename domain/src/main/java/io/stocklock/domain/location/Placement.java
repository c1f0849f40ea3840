package io.stocklock.domain.location;

import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * Which locations may serve a line, and in which order: a named location only, or all of them by their priority or by
 * most units in stock; and whether one line may be served from several locations ({@code split}).
 */
public record Placement(Optional<LocationId> only, Order order, boolean split) {

    public enum Order {
        /** Lowest priority number first, as a merchant ranks its warehouses. */
        PRIORITY,
        /** The location with most units in stock first, to keep stock even. */
        MOST_IN_STOCK;

        /** The order with exactly this name, as the contracts spell it. */
        public static Order named(String name) {
            return Names.of(Order.class, "placement order", name);
        }
    }

    /** What a request that says nothing gets: by priority, from one location. */
    public static final Placement DEFAULT = new Placement(Optional.empty(), Order.PRIORITY, false);

    public Placement {
        Objects.requireNonNull(only, "only");
        Objects.requireNonNull(order, "order");
    }

    /**
     * A placement as a request spells it, each part optional (null): no location is every location, no order is
     * {@link Order#PRIORITY}, no split is unsplit.
     */
    public static Placement named(String location, String order, Boolean split) {
        return new Placement(Optional.ofNullable(location).map(LocationId::of),
                order == null ? Order.PRIORITY : Order.named(order), split != null && split);
    }

    public static Placement at(LocationId location) {
        return new Placement(Optional.of(location), Order.PRIORITY, false);
    }
}
