package io.stocklock.adapters.persistence.outbox;

import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.application.port.out.Outbox;
import io.stocklock.application.port.out.OutcomeEvents.OutcomeEvent;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Claims and completes events of the {@code outbox} table; several publishers can share it. */
public class JdbcOutbox implements Outbox {

    private final JdbcClient jdbc;
    private final JdbcReservationStore reservations;

    public JdbcOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.reservations = new JdbcReservationStore(jdbc);
    }

    /** Events committed but not yet published. */
    public long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
    }

    @Override
    public List<PendingOutcome> claim(int limit, Duration lease) {
        List<OutcomeEvent> events = jdbc.sql("""
                        WITH claimable AS (
                            SELECT seq FROM outbox
                            WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                            ORDER BY seq
                            LIMIT ?
                            FOR UPDATE SKIP LOCKED)
                        UPDATE outbox o SET claimed_until = now() + make_interval(secs => ?)
                        FROM claimable c WHERE o.seq = c.seq
                        RETURNING o.seq, o.event_id, o.event_type, o.reservation_id, o.reason, o.occurred_at
                        """)
                .param(limit)
                .param(lease.toMillis() / 1000.0)
                .query((rs, row) -> Map.entry(rs.getLong("seq"), new OutcomeEvent(rs.getObject("event_id", UUID.class),
                        ReservationStatus.valueOf(rs.getString("event_type")),
                        new ReservationId(rs.getObject("reservation_id", UUID.class)),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getString("reason")))))
                .list().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList();
        // an event's reservation is kept until the event is published (the retention sweep skips it)
        Map<ReservationId, Reservation> reservations = this.reservations.findAll(
                events.stream().map(OutcomeEvent::reservationId).distinct().toList());
        return events.stream()
                .map(event -> PendingOutcome.of(event, reservations.get(event.reservationId())))
                .toList();
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
