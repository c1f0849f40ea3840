package io.stocklock.adapters.kafka.event;

import io.stocklock.application.port.out.Outbox.PendingOutcome;
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

    public record Line(String sku, long quantity) {
    }

    public static OutcomeEventMessage from(PendingOutcome outcome) {
        var event = outcome.event();
        return new OutcomeEventMessage(SCHEMA_VERSION, event.eventId().toString(), event.status().eventName(),
                event.reservationId().toString(), outcome.owner(), event.status().name(),
                outcome.lines().stream().map(line -> new Line(line.sku().value(), line.quantity().value())).toList(),
                event.reason().orElse(null), event.occurredAt().toString(),
                outcome.expiresAt().map(Instant::toString).orElse(null));
    }
}
