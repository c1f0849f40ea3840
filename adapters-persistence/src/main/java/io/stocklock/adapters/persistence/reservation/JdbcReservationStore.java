package io.stocklock.adapters.persistence.reservation;

import io.stocklock.application.port.out.ReservationStore;
import io.stocklock.domain.reservation.Holding;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Sku;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reservations in PostgreSQL, with what their owners hold ({@link OwnerHoldings}). Batches travel as arrays
 * ({@code unnest}), so a batch of any size costs one round trip per statement. Rows are written and locked in
 * ascending id order.
 */
public class JdbcReservationStore implements ReservationStore {

    private static final String COLUMNS = ReservationRow.COLUMNS;

    /** Writes the picks of the reservations the statement it ends wrote ({@code inserted} or {@code updated}). */
    private static final String PICKS = """
            picks AS (
                INSERT INTO reservation_pick (reservation_id, sku, location_id, units, backordered)
                SELECT p.reservation_id, p.sku, p.location_id, p.units, p.backordered
                FROM unnest(:pickReservations::uuid[], :pickSkus::text[], :pickLocations::text[],
                            :pickUnits::bigint[], :pickBackordered::bigint[])
                     AS p(reservation_id, sku, location_id, units, backordered)
                JOIN written ON written.id = p.reservation_id)
            """;

    private final JdbcClient jdbc;
    private final OwnerHoldings holdings;

    public JdbcReservationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.holdings = new OwnerHoldings(jdbc);
    }

    @Override
    public Set<ReservationId> insertIfAbsent(Collection<Reservation> reservations) {
        if (reservations.isEmpty()) {
            return Set.of();
        }
        List<ReservationRow> rows = reservations.stream().map(ReservationRow::from)
                .sorted(Comparator.comparing(ReservationRow::id, Comparator.comparing(UUID::toString)))
                .toList();
        List<ReservationRow.Line> lines = rows.stream().flatMap(row -> row.lines().stream()).toList();
        List<ReservationRow.PickRow> picks = rows.stream().flatMap(row -> row.picks().stream()).toList();
        // lines and picks are written only for the reservations this statement inserted, never added to an existing one
        var statement = jdbc.sql("""
                        WITH written AS (
                            INSERT INTO reservation (id, owner, status, hold_seconds, placement_location,
                                                     placement_order, placement_split, created_at, decided_at,
                                                     expires_at, reason, rejection)
                            SELECT id, owner, status, hold_seconds, placement_location, placement_order,
                                   placement_split, created_at::timestamptz, decided_at::timestamptz,
                                   expires_at::timestamptz, reason, rejection
                            FROM unnest(:ids::uuid[], :owners::text[], :statuses::text[], :holdSeconds::bigint[],
                                        :placementLocations::text[], :placementOrders::text[],
                                        :placementSplits::boolean[], :createdAt::text[], :decidedAt::text[],
                                        :expiresAt::text[], :reasons::text[], :rejections::text[])
                                 AS r(id, owner, status, hold_seconds, placement_location, placement_order,
                                      placement_split, created_at, decided_at, expires_at, reason, rejection)
                            ON CONFLICT (id) DO NOTHING
                            RETURNING id),
                        lines AS (
                            INSERT INTO reservation_line (reservation_id, sku, quantity, minimum)
                            SELECT l.reservation_id, l.sku, l.quantity, l.minimum
                            FROM unnest(:lineReservations::uuid[], :lineSkus::text[], :lineQuantities::bigint[],
                                        :lineMinimums::bigint[])
                                 AS l(reservation_id, sku, quantity, minimum)
                            JOIN written ON written.id = l.reservation_id),
                        """ + PICKS + """
                        SELECT id FROM written
                        """)
                .param("ids", rows.stream().map(ReservationRow::id).toArray(UUID[]::new))
                .param("owners", rows.stream().map(ReservationRow::owner).toArray(String[]::new))
                .param("statuses", rows.stream().map(ReservationRow::status).toArray(String[]::new))
                .param("holdSeconds", rows.stream().mapToLong(ReservationRow::holdSeconds).toArray())
                .param("placementLocations", rows.stream().map(ReservationRow::placementLocation)
                        .toArray(String[]::new))
                .param("placementOrders", rows.stream().map(ReservationRow::placementOrder).toArray(String[]::new))
                .param("placementSplits", rows.stream().map(ReservationRow::placementSplit).toArray(Boolean[]::new))
                .param("createdAt", rows.stream().map(row -> text(row.createdAt())).toArray(String[]::new))
                .param("decidedAt", rows.stream().map(row -> text(row.decidedAt())).toArray(String[]::new))
                .param("expiresAt", rows.stream().map(row -> text(row.expiresAt())).toArray(String[]::new))
                .param("reasons", rows.stream().map(ReservationRow::reason).toArray(String[]::new))
                .param("rejections", rows.stream().map(ReservationRow::rejection).toArray(String[]::new))
                .param("lineReservations", lines.stream().map(ReservationRow.Line::reservationId)
                        .toArray(UUID[]::new))
                .param("lineSkus", lines.stream().map(ReservationRow.Line::sku).toArray(String[]::new))
                .param("lineQuantities", lines.stream().mapToLong(ReservationRow.Line::quantity).toArray())
                .param("lineMinimums", lines.stream().map(ReservationRow.Line::minimum).toArray(Long[]::new));
        return picks(statement, picks)
                .query((rs, row) -> new ReservationId(rs.getObject("id", UUID.class)))
                .set();
    }

    @Override
    public Map<ReservationId, Reservation> lock(Collection<ReservationId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // lock first, then read: a statement that waited for a lock sees the locked row as committed since, but
        // reads the other tables (lines, picks) as they were when it started
        List<UUID> locked = jdbc.sql("SELECT id FROM reservation WHERE id = ANY(?) ORDER BY id FOR UPDATE")
                .param(ids.stream().map(ReservationId::value).toArray(UUID[]::new))
                .query(UUID.class)
                .list();
        if (locked.isEmpty()) {
            return Map.of();
        }
        return findAll(locked.stream().map(ReservationId::new).toList());
    }

    @Override
    public List<Reservation> lockLapsed(Instant now, int limit) {
        // lock the due reservation rows first (skipping what another sweeper holds), then read their lines
        return ReservationRow.read(jdbc.sql("""
                        WITH due AS (
                            SELECT id FROM reservation
                            WHERE status = 'RESERVED' AND expires_at <= ?::timestamptz
                            ORDER BY expires_at
                            LIMIT ?
                            FOR UPDATE SKIP LOCKED)
                        SELECT\s""" + COLUMNS + """
                        FROM due JOIN reservation r ON r.id = due.id JOIN reservation_line l ON l.reservation_id = r.id
                        ORDER BY r.id, l.sku
                        """)
                .param(now.toString())
                .param(limit));
    }

    @Override
    public List<Reservation> claimStalePending(Instant before, Instant now, int limit) {
        return ReservationRow.read(jdbc.sql("""
                        WITH stale AS (
                            SELECT id FROM reservation
                            WHERE status = 'PENDING' AND created_at < ?::timestamptz
                              AND (resubmitted_at IS NULL OR resubmitted_at < ?::timestamptz)
                            ORDER BY created_at
                            LIMIT ?
                            FOR UPDATE SKIP LOCKED),
                        claimed AS (
                            UPDATE reservation r SET resubmitted_at = ?::timestamptz
                            FROM stale WHERE r.id = stale.id
                            RETURNING r.*)
                        SELECT\s""" + COLUMNS + """
                        FROM claimed r LEFT JOIN reservation_line l ON l.reservation_id = r.id
                        ORDER BY r.created_at, r.id, l.sku
                        """)
                .param(before.toString()).param(before.toString()).param(limit).param(now.toString()));
    }

    @Override
    public void update(Collection<Reservation> reservations) {
        if (reservations.isEmpty()) {
            return;
        }
        List<ReservationRow> rows = reservations.stream().map(ReservationRow::from).toList();
        // a reservation just reserved says where its units are held; later transitions move the same units
        List<ReservationRow.PickRow> picks = rows.stream()
                .filter(row -> row.status().equals(ReservationStatus.RESERVED.name()))
                .flatMap(row -> row.picks().stream())
                .toList();
        var statement = jdbc.sql("""
                        WITH written AS (
                            UPDATE reservation r
                            SET status = u.status, decided_at = u.decided_at::timestamptz,
                                expires_at = u.expires_at::timestamptz, reason = u.reason, rejection = u.rejection,
                                updated_at = now()
                            FROM unnest(:ids::uuid[], :statuses::text[], :decidedAt::text[], :expiresAt::text[],
                                        :reasons::text[], :rejections::text[])
                                 AS u(id, status, decided_at, expires_at, reason, rejection)
                            WHERE r.id = u.id
                            RETURNING r.id),
                        """ + PICKS + """
                        SELECT count(*) FROM written
                        """)
                .param("ids", rows.stream().map(ReservationRow::id).toArray(UUID[]::new))
                .param("statuses", rows.stream().map(ReservationRow::status).toArray(String[]::new))
                .param("decidedAt", rows.stream().map(row -> text(row.decidedAt())).toArray(String[]::new))
                .param("expiresAt", rows.stream().map(row -> text(row.expiresAt())).toArray(String[]::new))
                .param("reasons", rows.stream().map(ReservationRow::reason).toArray(String[]::new))
                .param("rejections", rows.stream().map(ReservationRow::rejection).toArray(String[]::new));
        picks(statement, picks).query(Long.class).single();
    }

    @Override
    public void extendHolds(Collection<Reservation> reservations) {
        if (reservations.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE reservation r SET expires_at = u.expires_at::timestamptz, updated_at = now()
                        FROM unnest(?::uuid[], ?::text[]) AS u(id, expires_at)
                        WHERE r.id = u.id AND r.status = 'RESERVED'
                        """)
                .param(reservations.stream().map(reservation -> reservation.id().value()).toArray(UUID[]::new))
                .param(reservations.stream().map(reservation -> reservation.expiresAt().orElseThrow().toString())
                        .toArray(String[]::new))
                .update();
    }

    @Override
    public Optional<Reservation> find(ReservationId id) {
        return ReservationRow.read(jdbc.sql("SELECT " + COLUMNS + """
                        FROM reservation r LEFT JOIN reservation_line l ON l.reservation_id = r.id
                        WHERE r.id = ?
                        ORDER BY l.sku
                        """)
                .param(id.value()))
                .stream().findFirst();
    }

    @Override
    public Map<ReservationId, Reservation> findAll(Collection<ReservationId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return ReservationRow.read(jdbc.sql("SELECT " + COLUMNS + """
                        FROM reservation r LEFT JOIN reservation_line l ON l.reservation_id = r.id
                        WHERE r.id = ANY(?)
                        ORDER BY r.id, l.sku
                        """)
                .param(ids.stream().map(ReservationId::value).toArray(UUID[]::new)))
                .stream().collect(Collectors.toMap(Reservation::id, Function.identity()));
    }

    private static JdbcClient.StatementSpec picks(JdbcClient.StatementSpec statement,
                                                  List<ReservationRow.PickRow> picks) {
        return statement
                .param("pickReservations", picks.stream().map(ReservationRow.PickRow::reservationId)
                        .toArray(UUID[]::new))
                .param("pickSkus", picks.stream().map(ReservationRow.PickRow::sku).toArray(String[]::new))
                .param("pickLocations", picks.stream().map(ReservationRow.PickRow::location).toArray(String[]::new))
                .param("pickUnits", picks.stream().mapToLong(ReservationRow.PickRow::units).toArray())
                .param("pickBackordered", picks.stream().mapToLong(ReservationRow.PickRow::backordered).toArray());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Override
    public int deleteFinished(Instant before, int limit) {
        // the lines and picks go in the same statement: none is ever left without its reservation
        int deleted = jdbc.sql("""
                        WITH finished AS (
                            SELECT r.id FROM reservation r
                            WHERE r.status IN ('CONFIRMED', 'RELEASED', 'EXPIRED', 'REJECTED', 'FAILED')
                              AND r.decided_at < ?::timestamptz
                              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.reservation_id = r.id)
                            ORDER BY r.decided_at
                            LIMIT ?
                            FOR UPDATE OF r SKIP LOCKED),
                        lines AS (DELETE FROM reservation_line l USING finished f WHERE l.reservation_id = f.id),
                        picks AS (DELETE FROM reservation_pick p USING finished f WHERE p.reservation_id = f.id)
                        DELETE FROM reservation r USING finished f WHERE r.id = f.id
                        """)
                .param(before.toString())
                .param(limit)
                .update();
        holdings.forgetEmpty(limit);
        return deleted;
    }

    @Override
    public Map<Holding, Long> unitsHeld(Collection<String> owners, Collection<Sku> skus) {
        return holdings.unitsHeld(owners, skus);
    }

    @Override
    public void addToHoldings(Map<Holding, Long> units) {
        holdings.add(units);
    }
}
