package io.stocklock.adapters.kafka.request;

import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.LocationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A reservation request on {@code stocklock.reservation-requests}, as JSON (schema:
 * {@code docs/schemas/reservation-request.schema.json}). Keyed by the smallest SKU of its lines.
 *
 * @param holdSeconds optional; the service's default hold applies when absent
 * @param placement   optional; the service's default placement applies when absent
 * @param submittedAt optional; when the client submitted it (ISO-8601), for latency measurement
 */
public record ReservationRequestMessage(Integer schemaVersion, String requestId, String owner, List<Line> lines,
                                        Long holdSeconds, PlacementMessage placement, String submittedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** @param minimum optional; the fewest units the line accepts when its SKU serves short lines in part */
    public record Line(String sku, Long quantity, Long minimum) {
    }

    /** Absent fields: every location, by priority, unsplit. */
    public record PlacementMessage(String location, String order, Boolean split) {

        static PlacementMessage from(Placement placement) {
            return new PlacementMessage(placement.only().map(LocationId::value).orElse(null),
                    placement.order().name(), placement.split());
        }
    }

    public static ReservationRequestMessage from(ReservationRequest request, Instant submittedAt) {
        return new ReservationRequestMessage(SCHEMA_VERSION, request.id().toString(), request.owner(),
                request.lines().stream().map(line -> new Line(line.sku().value(), line.quantity().value(),
                        line.acceptsPart() ? line.minimum().value() : null)).toList(),
                request.holdFor().toSeconds(), request.placement().map(PlacementMessage::from).orElse(null),
                submittedAt == null ? null : submittedAt.toString());
    }

    /** The request this message asks for; throws {@link IllegalArgumentException} saying what is wrong. */
    public ReservationRequest toDomain(Duration defaultHold) {
        if (schemaVersion == null || schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schemaVersion " + schemaVersion + ", expected "
                    + SCHEMA_VERSION);
        }
        if (requestId == null) {
            throw new IllegalArgumentException("requestId is required");
        }
        if (lines == null) {
            throw new IllegalArgumentException("lines are required");
        }
        List<ReservationLine> domainLines = lines.stream()
                .map(line -> line == null ? ReservationLine.given(null, null, null)
                        : ReservationLine.given(line.sku(), line.quantity(), line.minimum()))
                .toList();
        return new ReservationRequest(ReservationId.parse(requestId), owner == null ? "" : owner, domainLines,
                holdSeconds == null ? defaultHold : Duration.ofSeconds(holdSeconds),
                Optional.ofNullable(placement)
                        .map(where -> Placement.named(where.location(), where.order(), where.split())));
    }
}
