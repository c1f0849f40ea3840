package io.stocklock.adapters.kafka.event;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ServedLine;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import java.time.Instant;
import java.util.List;

/**
 * An outcome event on {@code stocklock.reservation-events}, as JSON (schema:
 * {@code docs/schemas/reservation-event.schema.json}). Keyed by the request id; CloudEvents attributes travel in
 * {@code ce_*} headers. Consumers drop duplicates by {@code eventId}.
 */
public record OutcomeEventMessage(int schemaVersion, String eventId, String type, String requestId, String owner,
                                  String status, List<Line> lines, String reason, String rejection,
                                  String occurredAt, String expiresAt) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * A line as asked and, once reserved, what it got: {@code granted} units (null until reserved), of which
     * {@code backordered} are promised beyond what the locations have, held at {@code locations}.
     */
    public record Line(String sku, long quantity, Long minimum, Long granted, Long backordered,
                       List<Held> locations) {
    }

    public record Held(String location, long units, long backordered) {
    }

    public static OutcomeEventMessage from(OutcomeEvent event) {
        return new OutcomeEventMessage(SCHEMA_VERSION, event.eventId().toString(), event.status().eventName(),
                event.reservationId().toString(), event.owner(), event.status().name(),
                ServedLine.of(event.lines(), event.picks()).stream().map(OutcomeEventMessage::line).toList(),
                event.reason().orElse(null), event.rejection().map(OutcomeEventMessage::rejection).orElse(null),
                event.occurredAt().toString(), event.expiresAt().map(Instant::toString).orElse(null));
    }

    /** The event's name for each rejection code: today the code's own name, a contract kept apart from the enum. */
    static String rejection(RejectionCode code) {
        return switch (code) {
            case INSUFFICIENT_STOCK -> "INSUFFICIENT_STOCK";
            case UNKNOWN_SKU -> "UNKNOWN_SKU";
            case OVER_LIMIT -> "OVER_LIMIT";
            case SALE_LIMIT -> "SALE_LIMIT";
        };
    }

    /** Where the event says the reservation's units are held. */
    public List<Pick> picks() {
        return lines.stream().flatMap(line -> line.locations().stream().map(held -> new Pick(Sku.of(line.sku()),
                LocationId.of(held.location()), held.units(), held.backordered()))).toList();
    }

    private static Line line(ServedLine served) {
        ReservationLine line = served.line();
        return new Line(line.sku().value(), line.quantity().value(),
                line.acceptsPart() ? line.minimum().value() : null,
                served.held() ? served.granted() : null, served.held() ? served.backordered() : null,
                served.picks().stream().map(pick -> new Held(pick.location().value(), pick.units(),
                        pick.backordered())).toList());
    }
}
