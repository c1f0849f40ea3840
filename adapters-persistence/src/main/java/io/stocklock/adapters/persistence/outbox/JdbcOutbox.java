package io.stocklock.adapters.persistence.outbox;

import io.stocklock.application.port.out.Outbox;
import io.stocklock.domain.reservation.OutcomeEvent;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code outbox} table: events not published yet. Several publishers can share it. */
public class JdbcOutbox implements Outbox {

    private final JdbcClient jdbc;

    public JdbcOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Events committed but not yet published. */
    public long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }

    @Override
    public List<OutcomeEvent> lockUnpublished(int limit) {
        return jdbc.sql("""
                        SELECT event_id, event_type, reservation_id, reason, occurred_at, payload FROM outbox
                        ORDER BY seq
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED
                        """)
                .param(limit)
                .query((rs, row) -> EventPayload.read(rs.getObject("event_id", UUID.class),
                        ReservationStatus.valueOf(rs.getString("event_type")),
                        new ReservationId(rs.getObject("reservation_id", UUID.class)),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getString("reason")), rs.getString("payload")))
                .list();
    }

    @Override
    public void markPublished(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM outbox WHERE event_id = ANY(?)")
                .param(eventIds.toArray(UUID[]::new))
                .update();
    }
}
