package io.stocklock.adapters.persistence.outbox;

import io.stocklock.application.port.out.OutcomeEvents;
import io.stocklock.domain.reservation.OutcomeEvent;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outcome events written to the {@code outbox} table, inside the transaction of the transition they report, with
 * what they report of the reservation. An event written again (the same event id) is stored once.
 */
public class OutboxOutcomeEvents implements OutcomeEvents {

    private final JdbcClient jdbc;

    public OutboxOutcomeEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(Collection<OutcomeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO outbox (event_id, event_type, reservation_id, reason, occurred_at, payload)
                        SELECT event_id, event_type, reservation_id, reason, occurred_at::timestamptz, payload
                        FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[])
                             AS e(event_id, event_type, reservation_id, reason, occurred_at, payload)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                .param(events.stream().map(event -> event.eventId()).toArray(UUID[]::new))
                .param(events.stream().map(event -> event.status().name()).toArray(String[]::new))
                .param(events.stream().map(event -> event.reservationId().value()).toArray(UUID[]::new))
                .param(events.stream().map(event -> event.reason().orElse(null)).toArray(String[]::new))
                .param(events.stream().map(event -> event.occurredAt().toString()).toArray(String[]::new))
                .param(events.stream().map(EventPayload::json).toArray(String[]::new))
                .update();
    }
}
