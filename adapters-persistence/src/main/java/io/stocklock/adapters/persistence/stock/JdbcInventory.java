package io.stocklock.adapters.persistence.stock;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Stock levels in the {@code inventory} table. */
public class JdbcInventory implements Inventory {

    private static final RowMapper<StockLevel> LEVEL = (rs, row) ->
            new StockLevel(Sku.of(rs.getString("sku")), rs.getLong("on_hand"), rs.getLong("reserved"),
                    rs.getLong("version"));

    /** How long taking the stock locks of a batch took: mostly waiting for the batch before to commit. */
    private static final Timer LOCK_WAIT = Timer.builder("stocklock.lock.wait")
            .description("time to lock the stock rows of one batch").register(Metrics.globalRegistry);

    private final JdbcClient jdbc;

    public JdbcInventory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Sku, StockLevel> lock(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        // one statement, rows locked in ascending SKU order: two batches can never wait on each other in a circle
        List<StockLevel> locked = LOCK_WAIT.record(() -> jdbc.sql("""
                        SELECT sku, on_hand, reserved, version FROM inventory
                        WHERE sku = ANY(?)
                        ORDER BY sku
                        FOR UPDATE
                        """)
                .param(skus.stream().map(Sku::value).toArray(String[]::new))
                .query(LEVEL)
                .list());
        Map<Sku, StockLevel> bySku = new TreeMap<>();
        locked.forEach(level -> bySku.put(level.sku(), level));
        return bySku;
    }

    @Override
    public void update(Collection<StockLevel> levels) {
        if (levels.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE inventory i
                        SET on_hand = u.on_hand, reserved = u.reserved, version = u.version, updated_at = now()
                        FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                             AS u(sku, on_hand, reserved, version)
                        WHERE i.sku = u.sku
                        """)
                .param(levels.stream().map(level -> level.sku().value()).toArray(String[]::new))
                .param(levels.stream().mapToLong(StockLevel::onHand).toArray())
                .param(levels.stream().mapToLong(StockLevel::reserved).toArray())
                .param(levels.stream().mapToLong(StockLevel::version).toArray())
                .update();
    }

    @Override
    public boolean insert(StockLevel level) {
        return jdbc.sql("""
                        INSERT INTO inventory (sku, on_hand, reserved, version) VALUES (?, ?, ?, ?)
                        ON CONFLICT (sku) DO NOTHING
                        """)
                .param(level.sku().value())
                .param(level.onHand())
                .param(level.reserved())
                .param(level.version())
                .update() == 1;
    }

    @Override
    public Optional<StockLevel> find(Sku sku) {
        return jdbc.sql("SELECT sku, on_hand, reserved, version FROM inventory WHERE sku = ?")
                .param(sku.value())
                .query(LEVEL)
                .optional();
    }

    @Override
    public List<StockLevel> list(Optional<Sku> after, int limit) {
        return jdbc.sql("""
                        SELECT sku, on_hand, reserved, version FROM inventory
                        WHERE sku > ?
                        ORDER BY sku
                        LIMIT ?
                        """)
                .param(after.map(Sku::value).orElse(""))
                .param(limit)
                .query(LEVEL)
                .list();
    }
}
