package io.stocklock.domain.reservation;

import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.util.Objects;

/**
 * One SKU and how many of it a reservation asks for.
 *
 * @param minimum the fewest units the line accepts when its SKU serves short lines in part; all of them unless given
 */
public record ReservationLine(Sku sku, Quantity quantity, Quantity minimum) {

    public ReservationLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(minimum, "minimum");
        if (minimum.value() > quantity.value()) {
            throw new IllegalArgumentException("the minimum of a line is at most its quantity, was " + minimum
                    + " for " + quantity);
        }
    }

    /** A line that wants all of its units. */
    public ReservationLine(Sku sku, Quantity quantity) {
        this(sku, quantity, quantity);
    }

    public static ReservationLine of(String sku, long quantity) {
        return new ReservationLine(Sku.of(sku), Quantity.of(quantity));
    }

    /**
     * A line as a request on the wire gives it, either intake: a SKU and a quantity are required, a minimum is
     * optional (all of the units when absent).
     */
    public static ReservationLine given(String sku, Long quantity, Long minimum) {
        if (sku == null || quantity == null) {
            throw new IllegalArgumentException("every line needs a sku and a quantity");
        }
        Quantity asked = Quantity.of(quantity);
        return new ReservationLine(Sku.of(sku), asked, minimum == null ? asked : Quantity.of(minimum));
    }

    /** Whether the line accepts fewer units than it asks for. */
    public boolean acceptsPart() {
        return minimum.value() < quantity.value();
    }
}
