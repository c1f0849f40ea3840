package io.stocklock.adapters.persistence.outbox;

import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents.OutcomeEvent;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationStatus;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Claims and completes events of the {@code outbox} table; several publishers can share it. */
public class JdbcOutbox implements Outbox {

    private final JdbcClient jdbc;

    public JdbcOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Events committed but not yet published. */
    public long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
    }

    @Override
    public List<PendingOutcome> claim(int limit, Duration lease) {
        return jdbc.sql("""
                        WITH claimable AS (
                            SELECT seq FROM outbox
                            WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                            ORDER BY seq
                            LIMIT ?
                            FOR UPDATE SKIP LOCKED),
                        claimed AS (
                            UPDATE outbox o SET claimed_until = now() + make_interval(secs => ?)
                            FROM claimable c WHERE o.seq = c.seq
                            RETURNING o.*)
                        SELECT c.seq, c.event_id, c.event_type, c.reservation_id, c.reason, c.occurred_at,
                               r.owner, r.expires_at, l.sku, l.quantity
                        FROM claimed c
                        JOIN reservation r ON r.id = c.reservation_id
                        LEFT JOIN reservation_line l ON l.reservation_id = r.id
                        ORDER BY c.seq, l.sku
                        """)
                .param(limit)
                .param(lease.toMillis() / 1000.0)
                .query((ResultSet rs) -> {
                    Map<Long, PendingOutcome> bySeq = new LinkedHashMap<>();
                    Map<Long, List<ReservationLine>> lines = new LinkedHashMap<>();
                    while (rs.next()) {
                        long seq = rs.getLong("seq");
                        if (!bySeq.containsKey(seq)) {
                            OutcomeEvent event = new OutcomeEvent(rs.getObject("event_id", UUID.class),
                                    ReservationStatus.valueOf(rs.getString("event_type")),
                                    new ReservationId(rs.getObject("reservation_id", UUID.class)),
                                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                                    Optional.ofNullable(rs.getString("reason")));
                            lines.put(seq, new ArrayList<>());
                            bySeq.put(seq, new PendingOutcome(event, rs.getString("owner"), List.of(),
                                    Optional.ofNullable(rs.getObject("expires_at", OffsetDateTime.class))
                                            .map(OffsetDateTime::toInstant)));
                        }
                        String sku = rs.getString("sku");
                        if (sku != null) {
                            lines.get(seq).add(ReservationLine.of(sku, rs.getLong("quantity")));
                        }
                    }
                    return bySeq.entrySet().stream()
                            .map(entry -> new PendingOutcome(entry.getValue().event(), entry.getValue().owner(),
                                    lines.get(entry.getKey()), entry.getValue().expiresAt()))
                            .toList();
                });
    }

    @Override
    public void markPublished(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE outbox SET published_at = now() WHERE event_id = ANY(?)")
                .param(eventIds.toArray(UUID[]::new))
                .update();
    }
}
