package io.stocklock.adapters.persistence.reservation;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A reservation as the {@code reservation} and {@code reservation_line} tables hold it. */
record ReservationRow(UUID id, String owner, String status, long holdSeconds, Instant createdAt, Instant decidedAt,
                      Instant expiresAt, String reason, List<Line> lines) {

    record Line(UUID reservationId, String sku, long quantity) {
    }

    static ReservationRow from(Reservation reservation) {
        UUID id = reservation.id().value();
        return new ReservationRow(id, reservation.owner(), reservation.status().name(),
                reservation.holdFor().toSeconds(), reservation.createdAt(), reservation.decidedAt().orElse(null),
                reservation.expiresAt().orElse(null), reservation.reason().orElse(null),
                reservation.lines().stream()
                        .map(line -> new Line(id, line.sku().value(), line.quantity().value()))
                        .toList());
    }

    Reservation toDomain() {
        return new Reservation(new ReservationId(id), owner,
                lines.stream().map(line -> ReservationLine.of(line.sku(), line.quantity())).toList(),
                Duration.ofSeconds(holdSeconds), ReservationStatus.valueOf(status), createdAt,
                Optional.ofNullable(decidedAt), Optional.ofNullable(expiresAt), Optional.ofNullable(reason));
    }

    /** Reads rows of the reservation-joined-to-lines queries, ordered by reservation id, into reservations. */
    static List<Reservation> read(JdbcClient.StatementSpec query) {
        return query.query((ResultSet rs) -> {
            List<Reservation> reservations = new ArrayList<>();
            ReservationRow current = null;
            while (rs.next()) {
                UUID id = rs.getObject("id", UUID.class);
                if (current == null || !current.id().equals(id)) {
                    if (current != null) {
                        reservations.add(current.toDomain());
                    }
                    current = new ReservationRow(id, rs.getString("owner"), rs.getString("status"),
                            rs.getLong("hold_seconds"), instant(rs, "created_at"), instant(rs, "decided_at"),
                            instant(rs, "expires_at"), rs.getString("reason"), new ArrayList<>());
                }
                String sku = rs.getString("sku");
                if (sku != null) { // a request that failed on arrival has no lines
                    current.lines().add(new Line(id, sku, rs.getLong("quantity")));
                }
            }
            if (current != null) {
                reservations.add(current.toDomain());
            }
            return reservations;
        });
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
