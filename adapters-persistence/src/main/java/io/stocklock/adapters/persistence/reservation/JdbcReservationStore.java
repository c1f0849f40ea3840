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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reservations in PostgreSQL. Batches travel as arrays ({@code unnest}), so a batch of any size costs one round trip
 * per statement. Rows are written and locked in ascending id order.
 */
public class JdbcReservationStore implements ReservationStore {

    private static final String COLUMNS = ReservationRow.COLUMNS;

    /** Writes the picks of the reservations the statement it ends wrote ({@code inserted} or {@code updated}). */
    private static final String PICKS = """
            picks AS (
                INSERT INTO reservation_pick (reservation_id, sku, location_id, units, backordered)
                SELECT p.reservation_id, p.sku, p.location_id, p.units, p.backordered
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
                     AS p(reservation_id, sku, location_id, units, backordered)
                JOIN written ON written.id = p.reservation_id)
            """;

    private final JdbcClient jdbc;

    public JdbcReservationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                                                     expires_at, reason)
                            SELECT id, owner, status, hold_seconds, placement_location, placement_order,
                                   placement_split, created_at::timestamptz, decided_at::timestamptz,
                                   expires_at::timestamptz, reason
                            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                        ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[])
                                 AS r(id, owner, status, hold_seconds, placement_location, placement_order,
                                      placement_split, created_at, decided_at, expires_at, reason)
                            ON CONFLICT (id) DO NOTHING
                            RETURNING id),
                        lines AS (
                            INSERT INTO reservation_line (reservation_id, sku, quantity, minimum)
                            SELECT l.reservation_id, l.sku, l.quantity, l.minimum
                            FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[])
                                 AS l(reservation_id, sku, quantity, minimum)
                            JOIN written ON written.id = l.reservation_id),
                        """ + PICKS + """
                        SELECT id FROM written
                        """)
                .param(rows.stream().map(ReservationRow::id).toArray(UUID[]::new))
                .param(rows.stream().map(ReservationRow::owner).toArray(String[]::new))
                .param(rows.stream().map(ReservationRow::status).toArray(String[]::new))
                .param(rows.stream().mapToLong(ReservationRow::holdSeconds).toArray())
                .param(rows.stream().map(ReservationRow::placementLocation).toArray(String[]::new))
                .param(rows.stream().map(ReservationRow::placementOrder).toArray(String[]::new))
                .param(rows.stream().map(ReservationRow::placementSplit).toArray(Boolean[]::new))
                .param(rows.stream().map(row -> text(row.createdAt())).toArray(String[]::new))
                .param(rows.stream().map(row -> text(row.decidedAt())).toArray(String[]::new))
                .param(rows.stream().map(row -> text(row.expiresAt())).toArray(String[]::new))
                .param(rows.stream().map(ReservationRow::reason).toArray(String[]::new))
                .param(lines.stream().map(ReservationRow.Line::reservationId).toArray(UUID[]::new))
                .param(lines.stream().map(ReservationRow.Line::sku).toArray(String[]::new))
                .param(lines.stream().mapToLong(ReservationRow.Line::quantity).toArray())
                .param(lines.stream().map(ReservationRow.Line::minimum).toArray(Long[]::new));
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
                                expires_at = u.expires_at::timestamptz, reason = u.reason, updated_at = now()
                            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                                 AS u(id, status, decided_at, expires_at, reason)
                            WHERE r.id = u.id
                            RETURNING r.id),
                        """ + PICKS + """
                        SELECT count(*) FROM written
                        """)
                .param(rows.stream().map(ReservationRow::id).toArray(UUID[]::new))
                .param(rows.stream().map(ReservationRow::status).toArray(String[]::new))
                .param(rows.stream().map(row -> text(row.decidedAt())).toArray(String[]::new))
                .param(rows.stream().map(row -> text(row.expiresAt())).toArray(String[]::new))
                .param(rows.stream().map(ReservationRow::reason).toArray(String[]::new));
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
                .param(picks.stream().map(ReservationRow.PickRow::reservationId).toArray(UUID[]::new))
                .param(picks.stream().map(ReservationRow.PickRow::sku).toArray(String[]::new))
                .param(picks.stream().map(ReservationRow.PickRow::location).toArray(String[]::new))
                .param(picks.stream().mapToLong(ReservationRow.PickRow::units).toArray())
                .param(picks.stream().mapToLong(ReservationRow.PickRow::backordered).toArray());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Override
    public int deleteFinished(Instant before, int limit) {
        // the lines and picks go in the same statement; the foreign key is checked at its end
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
        // holdings that ended, last: a decision adding to one of them waits for this transaction's commit (holding
        // its SKU's lock meanwhile), so their locks are taken just before it; one held right now is skipped, and
        // kept if it is no longer zero
        jdbc.sql("""
                        DELETE FROM owner_holding h USING (
                            SELECT owner, sku FROM owner_holding WHERE units = 0 LIMIT ? FOR UPDATE SKIP LOCKED) AS z
                        WHERE h.owner = z.owner AND h.sku = z.sku AND h.units = 0
                        """)
                .param(limit)
                .update();
        return deleted;
    }

    /** The secret every instance derives reservation ids from Idempotency-Keys under; made by the migration. */
    public byte[] idSecret() {
        return jdbc.sql("SELECT value FROM service_secret WHERE name = 'reservation-ids'").query(byte[].class).single();
    }

    @Override
    public Map<Holding, Long> unitsHeld(Collection<String> owners, Collection<Sku> skus) {
        if (owners.isEmpty() || skus.isEmpty()) {
            return Map.of();
        }
        Map<Holding, Long> held = new HashMap<>();
        jdbc.sql("""
                        SELECT owner, sku, units FROM owner_holding
                        WHERE owner = ANY(?) AND sku = ANY(?) AND units > 0
                        """)
                .param(owners.toArray(String[]::new))
                .param(skus.stream().map(Sku::value).toArray(String[]::new))
                .query((row, n) -> held.put(new Holding(row.getString("owner"), Sku.of(row.getString("sku"))),
                        row.getLong("units")))
                .list();
        return held;
    }

    @Override
    public void addToHoldings(Map<Holding, Long> units) {
        // a hold that ends takes from a holding that exists; the CHECK of a proposed row comes before ON CONFLICT
        change(units, true, """
                UPDATE owner_holding h SET units = h.units + d.units
                FROM unnest(?::text[], ?::text[], ?::bigint[]) AS d(owner, sku, units)
                WHERE h.owner = d.owner AND h.sku = d.sku
                """);
        change(units, false, """
                INSERT INTO owner_holding (owner, sku, units)
                SELECT owner, sku, units FROM unnest(?::text[], ?::text[], ?::bigint[]) AS h(owner, sku, units)
                ON CONFLICT (owner, sku) DO UPDATE SET units = owner_holding.units + EXCLUDED.units
                """);
    }

    private void change(Map<Holding, Long> units, boolean taken, String statement) {
        List<Map.Entry<Holding, Long>> changes = units.entrySet().stream()
                .filter(change -> taken ? change.getValue() < 0 : change.getValue() > 0)
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Holding::owner).thenComparing(Holding::sku)))
                .toList();
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql(statement)
                .param(changes.stream().map(change -> change.getKey().owner()).toArray(String[]::new))
                .param(changes.stream().map(change -> change.getKey().sku().value()).toArray(String[]::new))
                .param(changes.stream().mapToLong(Map.Entry::getValue).toArray())
                .update();
    }
}
