package io.stocklock.adapters.rest.reservation;

import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.ReservationLine;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;

/** The body of {@code POST /reservations}. The owner is the caller; the id comes from the Idempotency-Key. */
record SubmitRequest(List<LineRequest> lines,
                     @Schema(description = "how long the units are held once reserved; the service's default hold "
                             + "when absent", example = "600") Long holdSeconds,
                     @Schema(description = "which locations may serve the lines; the service's default placement "
                             + "when absent") PlacementRequest placement) {

    record LineRequest(@Schema(example = "SKU-1") String sku, @Schema(example = "2") Long quantity,
                @Schema(description = "the fewest units the line accepts when its SKU serves short lines in part "
                        + "(PARTIAL); all of them when absent", example = "1") Long minimum) {
    }

    /** Absent fields take the values of a request that names nothing but this object: by priority, unsplit. */
    record PlacementRequest(
            @Schema(description = "serve from this location only", example = "east") String location,
            @Schema(description = "the order locations are tried in", allowableValues = {"PRIORITY", "MOST_IN_STOCK"},
                    example = "PRIORITY") String order,
            @Schema(description = "whether one line may be served from several locations", example = "false")
            Boolean split) {

        Placement toDomain() {
            return Placement.named(location, order, split);
        }
    }

    List<ReservationLine> toDomain() {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("lines are required");
        }
        return lines.stream()
                .map(line -> line == null ? ReservationLine.given(null, null, null)
                        : ReservationLine.given(line.sku(), line.quantity(), line.minimum()))
                .toList();
    }

    Optional<Placement> placementToDomain() {
        return Optional.ofNullable(placement).map(PlacementRequest::toDomain);
    }
}
