package io.stocklock.adapters.persistence.reservation;

import io.stocklock.domain.location.Pick;
import io.stocklock.domain.location.Placement;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.sql.Array;
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

/** A reservation as the {@code reservation}, {@code reservation_line} and {@code reservation_pick} tables hold it. */
record ReservationRow(UUID id, String owner, String status, long holdSeconds, String placementLocation,
                      String placementOrder, Boolean placementSplit, Instant createdAt, Instant decidedAt,
                      Instant expiresAt, String reason, String rejection, List<Line> lines,
                      List<PickRow> picks) {

    /** @param minimum null when the line wants all of its units */
    record Line(UUID reservationId, String sku, long quantity, Long minimum) {
    }

    record PickRow(UUID reservationId, String sku, String location, long units, long backordered) {
    }

    /**
     * The columns the queries below read: a reservation joined to its lines, each line with its picks as one array of
     * "location units backordered" (a location id has no spaces).
     */
    static final String COLUMNS = """
            r.id, r.owner, r.status, r.hold_seconds, r.placement_location, r.placement_order, r.placement_split,
            r.created_at, r.decided_at, r.expires_at, r.reason, r.rejection, l.sku, l.quantity, l.minimum,
            (SELECT array_agg(p.location_id || ' ' || p.units || ' ' || p.backordered ORDER BY p.location_id)
             FROM reservation_pick p WHERE p.reservation_id = r.id AND p.sku = l.sku) AS picks
            """;

    static ReservationRow from(Reservation reservation) {
        UUID id = reservation.id().value();
        Optional<Placement> placement = reservation.placement();
        return new ReservationRow(id, reservation.owner(), reservation.status().name(),
                reservation.holdFor().toSeconds(),
                placement.flatMap(Placement::only).map(LocationId::value).orElse(null),
                placement.map(where -> where.order().name()).orElse(null),
                placement.map(Placement::split).orElse(null),
                reservation.createdAt(), reservation.decidedAt().orElse(null),
                reservation.expiresAt().orElse(null), reservation.reason().orElse(null),
                reservation.rejection().map(RejectionCode::name).orElse(null),
                reservation.lines().stream()
                        .map(line -> new Line(id, line.sku().value(), line.quantity().value(),
                                line.acceptsPart() ? line.minimum().value() : null))
                        .toList(),
                reservation.picks().stream()
                        .map(pick -> new PickRow(id, pick.sku().value(), pick.location().value(), pick.units(),
                                pick.backordered()))
                        .toList());
    }

    Reservation toDomain() {
        Optional<Placement> placement = Optional.ofNullable(placementOrder).map(order -> new Placement(
                Optional.ofNullable(placementLocation).map(LocationId::of), Placement.Order.valueOf(order),
                placementSplit));
        return new Reservation(new ReservationId(id), owner,
                lines.stream().map(line -> new ReservationLine(Sku.of(line.sku()), Quantity.of(line.quantity()),
                        Quantity.of(line.minimum() == null ? line.quantity() : line.minimum()))).toList(),
                Duration.ofSeconds(holdSeconds), placement, ReservationStatus.valueOf(status), createdAt,
                Optional.ofNullable(decidedAt), Optional.ofNullable(expiresAt), Optional.ofNullable(reason),
                Optional.ofNullable(rejection).map(RejectionCode::valueOf),
                picks.stream().map(pick -> new Pick(Sku.of(pick.sku()), LocationId.of(pick.location()), pick.units(),
                        pick.backordered())).toList());
    }

    /** Reads rows of {@link #COLUMNS}, ordered by reservation id and SKU, into reservations. */
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
                            rs.getLong("hold_seconds"), rs.getString("placement_location"),
                            rs.getString("placement_order"), (Boolean) rs.getObject("placement_split"),
                            instant(rs, "created_at"), instant(rs, "decided_at"), instant(rs, "expires_at"),
                            rs.getString("reason"), rs.getString("rejection"), new ArrayList<>(), new ArrayList<>());
                }
                String sku = rs.getString("sku");
                if (sku != null) { // a request that failed on arrival has no lines
                    current.lines().add(new Line(id, sku, rs.getLong("quantity"),
                            (Long) rs.getObject("minimum")));
                    addPicks(rs, current, sku);
                }
            }
            if (current != null) {
                reservations.add(current.toDomain());
            }
            return reservations;
        });
    }

    private static void addPicks(ResultSet rs, ReservationRow row, String sku) throws SQLException {
        Array picks = rs.getArray("picks");
        if (picks == null) {
            return;
        }
        for (String pick : (String[]) picks.getArray()) {
            String[] held = pick.split(" ");
            row.picks().add(new PickRow(row.id(), sku, held[0], Long.parseLong(held[1]), Long.parseLong(held[2])));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
