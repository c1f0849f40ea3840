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

    /** SKUs where reserved is outside [0, on_hand], differs from the held lines, or disagrees with the ledger. */
    public List<String> stockViolations() {
        return jdbc.sql("""
                        WITH held AS (
                            SELECT l.sku, SUM(l.quantity) AS quantity
                            FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id
                            WHERE r.status = 'RESERVED'
                            GROUP BY l.sku),
                        ledger AS (
                            SELECT sku, SUM(on_hand_delta) AS on_hand, SUM(reserved_delta) AS reserved
                            FROM stock_movement
                            GROUP BY sku)
                        SELECT format('%s: on_hand=%s reserved=%s held=%s ledger_on_hand=%s ledger_reserved=%s',
                                      i.sku, i.on_hand, i.reserved, COALESCE(h.quantity, 0),
                                      COALESCE(g.on_hand, 0), COALESCE(g.reserved, 0))
                        FROM inventory i LEFT JOIN held h USING (sku) LEFT JOIN ledger g USING (sku)
                        WHERE i.reserved < 0 OR i.reserved > i.on_hand
                           OR i.reserved <> COALESCE(h.quantity, 0)
                           OR i.on_hand <> COALESCE(g.on_hand, 0) OR i.reserved <> COALESCE(g.reserved, 0)
                        """)
                .query(String.class)
                .list();
    }

    /** Owners whose recorded holding of a SKU differs from what their RESERVED reservations hold of it. */
    public List<String> holdingViolations() {
        return jdbc.sql("""
                        WITH held AS (
                            SELECT r.owner, l.sku, SUM(l.quantity) AS units
                            FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id
                            WHERE r.status = 'RESERVED'
                            GROUP BY r.owner, l.sku)
                        SELECT format('%s holds %s of %s, recorded %s', owner, COALESCE(held.units, 0), sku,
                                      COALESCE(h.units, 0))
                        FROM held FULL JOIN owner_holding h USING (owner, sku)
                        WHERE COALESCE(held.units, 0) <> COALESCE(h.units, 0)
                        """)
                .query(String.class)
                .list();
    }

    /**
     * Reservation lines whose ledger entries do not match their status exactly: a line that was held once has one
     * RESERVED entry, plus one CONFIRMED, RELEASED or EXPIRED entry once the hold ended. Anything else is a
     * double (or a missing) apply.
     */
    public List<String> applyViolations() {
        return jdbc.sql("""
                        SELECT format('%s %s %s x%s: on_hand_delta=%s reserved_delta=%s entries=%s',
                                      r.id, r.status, l.sku, l.quantity,
                                      COALESCE(SUM(m.on_hand_delta), 0), COALESCE(SUM(m.reserved_delta), 0),
                                      COUNT(m.seq))
                        FROM reservation r
                        JOIN reservation_line l ON l.reservation_id = r.id
                        LEFT JOIN stock_movement m ON m.reservation_id = r.id AND m.sku = l.sku
                        GROUP BY r.id, r.status, l.sku, l.quantity
                        HAVING COALESCE(SUM(m.reserved_delta), 0)
                                   <> CASE WHEN r.status = 'RESERVED' THEN l.quantity ELSE 0 END
                            OR COALESCE(SUM(m.on_hand_delta), 0)
                                   <> CASE WHEN r.status = 'CONFIRMED' THEN -l.quantity ELSE 0 END
                            OR COUNT(m.seq) <> CASE WHEN r.status = 'RESERVED' THEN 1
                                                    WHEN r.status IN ('CONFIRMED', 'RELEASED', 'EXPIRED') THEN 2
                                                    ELSE 0 END
                        """)
                .query(String.class)
                .list();
    }

    /**
     * Reservations with a number of events in the outbox other than one per hold ending or failure (decisions are
     * published by the consumer after their batch commits, not kept in the outbox).
     */
    public List<String> eventViolations() {
        return jdbc.sql("""
                        SELECT format('%s %s: %s events', r.id, r.status, COUNT(o.seq))
                        FROM reservation r LEFT JOIN outbox o ON o.reservation_id = r.id
                        GROUP BY r.id, r.status
                        HAVING COUNT(o.seq) <> CASE WHEN r.status IN ('PENDING', 'RESERVED', 'REJECTED') THEN 0
                                                    ELSE 1 END
                        """)
                .query(String.class)
                .list();
    }
}
