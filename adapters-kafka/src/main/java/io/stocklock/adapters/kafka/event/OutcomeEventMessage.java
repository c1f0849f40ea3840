package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.out.Outbox.PendingOutcome;
import io.stocklock.domain.location.Pick;
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
                                  String status, List<Line> lines, String reason, String occurredAt,
                                  String expiresAt) {

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

    public static OutcomeEventMessage from(PendingOutcome outcome) {
        var event = outcome.event();
        return new OutcomeEventMessage(SCHEMA_VERSION, event.eventId().toString(), event.status().eventName(),
                event.reservationId().toString(), outcome.owner(), event.status().name(),
                ServedLine.of(outcome.lines(), outcome.picks()).stream().map(OutcomeEventMessage::line).toList(),
                event.reason().orElse(null), event.occurredAt().toString(),
                outcome.expiresAt().map(Instant::toString).orElse(null));
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
