package io.stocklock.adapters.rest.reservation;

import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code POST /reservations}. The owner is the caller; the id comes from the Idempotency-Key. */
record SubmitRequest(List<Line> lines,
                     @Schema(description = "how long the units are held once reserved; the service's default hold "
                             + "when absent", example = "600") Long holdSeconds) {

    record Line(@Schema(example = "SKU-1") String sku, @Schema(example = "2") Long quantity) {
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
