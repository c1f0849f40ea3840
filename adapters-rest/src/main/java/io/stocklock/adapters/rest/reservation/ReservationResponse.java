package io.stocklock.adapters.rest.reservation;

import io.stocklock.adapters.rest.Problems;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ServedLine;
import io.stocklock.domain.stock.LocationId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

record ReservationResponse(
        @Schema(format = "uuid") String id,
        @Schema(description = "the token subject that made it") String owner,
        String status,
        List<LineResponse> lines,
        @Schema(nullable = true, description = "which locations may serve it, as asked; null: the service's default")
        PlacementResponse placement,
        @Schema(nullable = true, description = "why it was rejected or failed") String reason,
        @Schema(nullable = true, format = "uri", description = "when rejected, the problem type that says why "
                + "(insufficient-stock, unknown-sku-requested, over-limit), as a 409 for it carries")
        String rejection,
        @Schema(format = "date-time") String createdAt,
        @Schema(nullable = true, format = "date-time") String decidedAt,
        @Schema(nullable = true, format = "date-time", description = "when the hold ends, while RESERVED")
        String expiresAt) {

    /**
     * A line as asked, and, once it is reserved, what it got: {@code granted} units (fewer than asked only when its
     * SKU serves short lines in part), of which {@code backordered} are promised beyond what the locations have.
     */
    record LineResponse(String sku, long quantity,
                @Schema(nullable = true, description = "the fewest units it accepts; null: all of them") Long minimum,
                @Schema(nullable = true, description = "units held; null until reserved") Long granted,
                @Schema(nullable = true, description = "of the granted units, those not on hand yet; null until "
                        + "reserved") Long backordered,
                @Schema(description = "where the granted units are held; empty until reserved")
                List<Held> locations) {
    }

    record Held(String location, long units, long backordered) {
    }

    record PlacementResponse(@Schema(nullable = true) String location, String order, boolean split) {
    }

    static ReservationResponse from(Reservation reservation) {
        return new ReservationResponse(reservation.id().toString(), reservation.owner(), reservation.status().name(),
                ServedLine.of(reservation.lines(), reservation.picks()).stream().map(ReservationResponse::line)
                        .toList(),
                reservation.placement().map(ReservationResponse::placement).orElse(null),
                reservation.reason().orElse(null),
                reservation.rejection().map(code -> Problems.rejected(code).type().toString()).orElse(null),
                reservation.createdAt().toString(),
                reservation.decidedAt().map(Instant::toString).orElse(null),
                reservation.expiresAt().map(Instant::toString).orElse(null));
    }

    private static LineResponse line(ServedLine served) {
        ReservationLine line = served.line();
        return new LineResponse(line.sku().value(), line.quantity().value(),
                line.acceptsPart() ? line.minimum().value() : null,
                served.held() ? served.granted() : null, served.held() ? served.backordered() : null,
                served.picks().stream().map(pick -> new Held(pick.location().value(), pick.units(),
                        pick.backordered())).toList());
    }

    private static PlacementResponse placement(Placement placement) {
        return new PlacementResponse(placement.only().map(LocationId::value).orElse(null), placement.order().name(),
                placement.split());
    }
}
