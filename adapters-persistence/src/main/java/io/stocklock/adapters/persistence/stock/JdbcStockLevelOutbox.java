package io.stocklock.adapters.persistence.stock;

import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevelEvent;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code stock_level_event} table: stock-level events not published yet, oldest first. */
public class JdbcStockLevelOutbox implements StockLevelOutbox {

    /** The key of the transaction-level advisory lock one relay at a time holds: "stock-le" in ASCII. */
    private static final long RELAY_LOCK = 0x73746f636b2d6c65L;

    private final JdbcClient jdbc;

    public JdbcStockLevelOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(Collection<StockLevelEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO stock_level_event (event_id, sku, kind, available, on_hand, occurred_at)
                        SELECT event_id, sku, kind, available, on_hand, occurred_at
                        FROM unnest(:ids::uuid[], :skus::text[], :kinds::text[], :available::bigint[],
                                    :onHand::bigint[], :at::timestamptz[]) WITH ORDINALITY
                             AS e(event_id, sku, kind, available, on_hand, occurred_at, n)
                        ORDER BY n
                        """)
                .param("ids", events.stream().map(StockLevelEvent::eventId).toArray(UUID[]::new))
                .param("skus", events.stream().map(event -> event.sku().value()).toArray(String[]::new))
                .param("kinds", events.stream().map(event -> event.kind().name()).toArray(String[]::new))
                .param("available", events.stream().mapToLong(StockLevelEvent::available).toArray())
                .param("onHand", events.stream().mapToLong(StockLevelEvent::onHand).toArray())
                .param("at", events.stream().map(event -> event.occurredAt().toString()).toArray(String[]::new))
                .update();
    }

    /**
     * Within the transaction: the advisory lock, if no other relay holds it, then the oldest rows in seq order. A
     * SKU's rows were written under its row lock, so a later change of it commits after an earlier one: seq order
     * is each SKU's order, and no row of a SKU can appear behind one already read.
     */
    @Override
    public List<StockLevelEvent> lockOldest(int limit) {
        boolean relaying = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(RELAY_LOCK).query(Boolean.class)
                .single();
        if (!relaying) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT event_id, sku, kind, available, on_hand, occurred_at FROM stock_level_event
                        ORDER BY seq LIMIT ?
                        """)
                .param(limit)
                .query((row, n) -> new StockLevelEvent(row.getObject("event_id", UUID.class),
                        Sku.of(row.getString("sku")), StockLevelEvent.Kind.valueOf(row.getString("kind")),
                        row.getLong("available"), row.getLong("on_hand"),
                        row.getObject("occurred_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    public void remove(Collection<UUID> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.sql("DELETE FROM stock_level_event WHERE event_id = ANY(?)")
                    .param(eventIds.toArray(UUID[]::new))
                    .update();
        }
    }
}
