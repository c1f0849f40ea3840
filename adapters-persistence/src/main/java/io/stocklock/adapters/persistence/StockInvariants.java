package io.stocklock.adapters.persistence;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The guarantees, checked in the database itself: each check is one statement, so it sees one consistent snapshot and
 * can run while requests are being decided. Every list is empty when all is well.
 */
public final class StockInvariants {

    private final JdbcClient jdbc;

    public StockInvariants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stock rows (SKU at a location) where reserved is outside [0, on_hand + backorder_limit], differs from what the
     * RESERVED reservations hold there, or disagrees with the ledger.
     */
    public List<String> stockViolations() {
        return jdbc.sql("""
                        WITH held AS (
                            SELECT p.sku, p.location_id, SUM(p.units) AS units
                            FROM reservation r JOIN reservation_pick p ON p.reservation_id = r.id
                            WHERE r.status = 'RESERVED'
                            GROUP BY p.sku, p.location_id),
                        ledger AS (
                            SELECT sku, location_id, SUM(on_hand_delta) AS on_hand, SUM(reserved_delta) AS reserved
                            FROM stock_movement
                            GROUP BY sku, location_id)
                        SELECT format('%s at %s: on_hand=%s reserved=%s backorder_limit=%s held=%s '
                                      'ledger_on_hand=%s ledger_reserved=%s',
                                      i.sku, i.location_id, i.on_hand, i.reserved, i.backorder_limit,
                                      COALESCE(h.units, 0), COALESCE(g.on_hand, 0), COALESCE(g.reserved, 0))
                        FROM inventory i LEFT JOIN held h USING (sku, location_id)
                             LEFT JOIN ledger g USING (sku, location_id)
                        WHERE i.reserved < 0 OR i.reserved > i.on_hand + i.backorder_limit
                           OR i.reserved <> COALESCE(h.units, 0)
                           OR i.on_hand <> COALESCE(g.on_hand, 0) OR i.reserved <> COALESCE(g.reserved, 0)
                        """)
                .query(String.class)
                .list();
    }

    /**
     * Reservation lines whose picks do not say what the reservation got: each line of a reservation that holds or
     * held stock got between its minimum (all of it, unless given) and its quantity; any other reservation has no
     * picks. Also lines and picks whose reservation does not exist.
     */
    public List<String> allocationViolations() {
        return jdbc.sql("""
                        SELECT format('%s %s %s x%s (minimum %s): picked=%s backordered=%s',
                                      r.id, r.status, l.sku, l.quantity, COALESCE(l.minimum, l.quantity),
                                      COALESCE(SUM(p.units), 0), COALESCE(SUM(p.backordered), 0))
                        FROM reservation r
                        JOIN reservation_line l ON l.reservation_id = r.id
                        LEFT JOIN reservation_pick p ON p.reservation_id = r.id AND p.sku = l.sku
                        GROUP BY r.id, r.status, l.sku, l.quantity, l.minimum
                        HAVING CASE WHEN r.status IN ('RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED')
                                    THEN COALESCE(SUM(p.units), 0) NOT BETWEEN COALESCE(l.minimum, l.quantity)
                                                                       AND l.quantity
                                    ELSE COUNT(p.units) > 0 END
                        UNION ALL
                        SELECT format('%s %s: a line of no reservation', l.reservation_id, l.sku)
                        FROM reservation_line l
                        WHERE NOT EXISTS (SELECT 1 FROM reservation r WHERE r.id = l.reservation_id)
                        UNION ALL
                        SELECT format('%s %s at %s: a pick of no reservation', p.reservation_id, p.sku, p.location_id)
                        FROM reservation_pick p
                        WHERE NOT EXISTS (SELECT 1 FROM reservation r WHERE r.id = p.reservation_id)
                        """)
                .query(String.class)
                .list();
    }

    /**
     * Owners whose recorded holding of a SKU differs from what their RESERVED reservations hold of it, and buyers who
     * hold more of a sale than it counts they got (the count also keeps what they confirmed, so it may be more).
     */
    public List<String> holdingViolations() {
        return jdbc.sql("""
                        WITH held AS (
                            SELECT r.owner, p.sku, SUM(p.units) AS units
                            FROM reservation r JOIN reservation_pick p ON p.reservation_id = r.id
                            WHERE r.status = 'RESERVED'
                            GROUP BY r.owner, p.sku)
                        SELECT format('%s holds %s of %s, recorded %s', owner, COALESCE(held.units, 0), sku,
                                      COALESCE(h.units, 0))
                        FROM held FULL JOIN owner_holding h USING (owner, sku)
                        WHERE COALESCE(held.units, 0) <> COALESCE(h.units, 0)
                        UNION ALL
                        SELECT format('%s holds %s of sale %s, counted %s', r.owner, SUM(p.units), k.sale_id,
                                      COALESCE(MAX(b.units), 0))
                        FROM reservation r JOIN reservation_pick p ON p.reservation_id = r.id
                        JOIN sale_sku k ON k.sku = p.sku
                        LEFT JOIN sale_buyer b ON b.sale_id = k.sale_id AND b.buyer = r.owner
                        WHERE r.status = 'RESERVED'
                        GROUP BY r.owner, k.sale_id
                        HAVING SUM(p.units) > COALESCE(MAX(b.units), 0)
                        """)
                .query(String.class)
                .list();
    }

    /**
     * Picks whose ledger entries do not match their reservation's status exactly: units held once at a location have
     * one RESERVED entry there, plus one CONFIRMED, RELEASED or EXPIRED entry once the hold ended. Anything else is a
     * double (or a missing) apply. A reservation's entries are filed under its creation; entries of the same id filed
     * earlier are an earlier reservation's, which retention deleted (its id then names a new request), and an entry
     * filed later than the reservation's creation was filed wrong.
     */
    public List<String> applyViolations() {
        return jdbc.sql("""
                        SELECT format('%s %s %s at %s x%s: on_hand_delta=%s reserved_delta=%s entries=%s',
                                      r.id, r.status, p.sku, p.location_id, p.units,
                                      COALESCE(SUM(m.on_hand_delta), 0), COALESCE(SUM(m.reserved_delta), 0),
                                      COUNT(m.seq))
                        FROM reservation r
                        JOIN reservation_pick p ON p.reservation_id = r.id
                        LEFT JOIN stock_movement m
                               ON m.reservation_id = r.id AND m.filed_at = r.created_at
                              AND m.sku = p.sku AND m.location_id = p.location_id
                        GROUP BY r.id, r.status, p.sku, p.location_id, p.units
                        HAVING COALESCE(SUM(m.reserved_delta), 0)
                                   <> CASE WHEN r.status = 'RESERVED' THEN p.units ELSE 0 END
                            OR COALESCE(SUM(m.on_hand_delta), 0)
                                   <> CASE WHEN r.status = 'CONFIRMED' THEN -p.units ELSE 0 END
                            OR COUNT(m.seq) <> CASE WHEN r.status = 'RESERVED' THEN 1 ELSE 2 END
                        UNION ALL
                        SELECT format('%s %s: %s ledger entries for what it never held', m.reservation_id, r.status,
                                      COUNT(*))
                        FROM stock_movement m JOIN reservation r ON r.id = m.reservation_id AND m.filed_at = r.created_at
                        WHERE NOT EXISTS (SELECT 1 FROM reservation_pick p WHERE p.reservation_id = m.reservation_id
                                            AND p.sku = m.sku AND p.location_id = m.location_id)
                        GROUP BY m.reservation_id, r.status
                        UNION ALL
                        SELECT format('%s %s: %s ledger entries filed after it was created', m.reservation_id, r.status,
                                      COUNT(*))
                        FROM stock_movement m JOIN reservation r ON r.id = m.reservation_id AND m.filed_at > r.created_at
                        GROUP BY m.reservation_id, r.status
                        """)
                .query(String.class)
                .list();
    }

    /**
     * Reservations with more events waiting in the outbox than their transitions wrote: at most one per hold ending or
     * failure, and at most one decision (a decision taken at the door writes its event there; the consumer publishes
     * the events of its batches after they commit, without the outbox). Published events have left the outbox; that
     * every event reached the topic is checked there.
     */
    public List<String> eventViolations() {
        return jdbc.sql("""
                        SELECT format('%s %s: %s events', r.id, r.status, COUNT(o.seq))
                        FROM reservation r JOIN outbox o ON o.reservation_id = r.id
                        GROUP BY r.id, r.status
                        HAVING COUNT(o.seq) FILTER (WHERE o.event_type NOT IN ('RESERVED', 'REJECTED'))
                                   > CASE WHEN r.status IN ('PENDING', 'RESERVED', 'REJECTED') THEN 0 ELSE 1 END
                            OR COUNT(o.seq) FILTER (WHERE o.event_type IN ('RESERVED', 'REJECTED'))
                                   > CASE WHEN r.status IN ('PENDING', 'FAILED') THEN 0 ELSE 1 END
                        """)
                .query(String.class)
                .list();
    }
}
