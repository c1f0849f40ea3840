package io.stocklock.adapters.rest.reservation;

import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.util.List;

/** The body of {@code POST /reservations}. The owner is the caller; the id comes from the Idempotency-Key. */
record SubmitRequest(List<Line> lines, Long holdSeconds) {

    record Line(String sku, Long quantity) {
    }

    List<ReservationLine> toDomain() {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("lines are required");
        }
        return lines.stream().map(line -> {
            if (line == null || line.sku() == null || line.quantity() == null) {
                throw new IllegalArgumentException("every line needs a sku and a quantity");
            }
            return new ReservationLine(Sku.of(line.sku()), Quantity.of(line.quantity()));
        }).toList();
    }
}
