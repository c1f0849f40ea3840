package io.stocklock.adapters.persistence.idempotency;

import io.stocklock.application.port.out.IdempotencyRecords;
import io.stocklock.domain.reservation.ReservationId;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotency keys in the {@code idempotency_record} table. */
public class JdbcIdempotencyRecords implements IdempotencyRecords {

    private final JdbcClient jdbc;

    public JdbcIdempotencyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<IdempotencyRecord> claim(String caller, String key, String fingerprint, ReservationId reservationId,
                                             Instant now, Duration retention) {
        // one statement: forget an expired record, then insert ours unless someone holds the key
        int claimed = jdbc.sql("""
                        WITH expired AS (
                            DELETE FROM idempotency_record
                            WHERE caller = ? AND idempotency_key = ? AND created_at <= ?::timestamptz)
                        INSERT INTO idempotency_record (caller, idempotency_key, fingerprint, reservation_id, created_at)
                        VALUES (?, ?, ?, ?, ?::timestamptz)
                        ON CONFLICT (caller, idempotency_key) DO NOTHING
                        """)
                .param(caller).param(key).param(now.minus(retention).toString())
                .param(caller).param(key).param(fingerprint).param(reservationId.value()).param(now.toString())
                .update();
        if (claimed == 1) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT fingerprint, reservation_id, created_at, response_status, response_body
                        FROM idempotency_record WHERE caller = ? AND idempotency_key = ?
                        """)
                .param(caller).param(key)
                .query((rs, row) -> new IdempotencyRecord(rs.getString("fingerprint"),
                        new ReservationId(rs.getObject("reservation_id", UUID.class)),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("response_status") == null ? Optional.empty()
                                : Optional.of(new StoredResponse(rs.getInt("response_status"),
                                rs.getString("response_body")))))
                .optional();
    }

    @Override
    public void complete(String caller, String key, StoredResponse response) {
        jdbc.sql("""
                        UPDATE idempotency_record SET response_status = ?, response_body = ?
                        WHERE caller = ? AND idempotency_key = ?
                        """)
                .param(response.status()).param(response.body()).param(caller).param(key)
                .update();
    }
}
