package io.stocklock.adapters.persistence.stock;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stock in the {@code inventory} table, one row per (SKU, location), with each location's priority from
 * {@code location}, each SKU's short-stock policy from {@code sku_policy} and its low-stock threshold from
 * {@code sku_low_stock}.
 */
public class JdbcInventory implements Inventory {

    private static final String LEVELS = """
            SELECT i.sku, i.location_id, l.priority, i.on_hand, i.reserved, i.backorder_limit, i.version,
                   p.short_stock, t.threshold AS low_stock_at
            FROM inventory i JOIN location l ON l.id = i.location_id LEFT JOIN sku_policy p ON p.sku = i.sku
                 LEFT JOIN sku_low_stock t ON t.sku = i.sku
            """;

    /** How long taking the stock locks of a batch took: mostly waiting for the batch before to commit. */
    private static final Timer LOCK_WAIT = Timer.builder("stocklock.lock.wait")
            .description("time to lock the stock rows of one batch").register(Metrics.globalRegistry);

    private final JdbcClient jdbc;

    public JdbcInventory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Sku, SkuStock> lock(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        // one statement, rows locked in ascending (SKU, location) order: two batches never wait on each other in a
        // circle
        List<SkuStock> locked = LOCK_WAIT.record(() -> read(jdbc.sql(LEVELS + """
                        WHERE i.sku = ANY(?)
                        ORDER BY i.sku, i.location_id
                        FOR UPDATE OF i
                        """)
                .param(skus.stream().map(Sku::value).toArray(String[]::new))));
        Map<Sku, SkuStock> bySku = new TreeMap<>();
        locked.forEach(stock -> bySku.put(stock.sku(), stock));
        return bySku;
    }

    @Override
    public void update(Collection<StockLevel> levels) {
        if (levels.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE inventory i
                        SET on_hand = u.on_hand, reserved = u.reserved, backorder_limit = u.backorder_limit,
                            version = u.version, updated_at = now()
                        FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                             AS u(sku, location_id, on_hand, reserved, backorder_limit, version)
                        WHERE i.sku = u.sku AND i.location_id = u.location_id
                        """)
                .param(levels.stream().map(level -> level.sku().value()).toArray(String[]::new))
                .param(levels.stream().map(level -> level.location().value()).toArray(String[]::new))
                .param(levels.stream().mapToLong(StockLevel::onHand).toArray())
                .param(levels.stream().mapToLong(StockLevel::reserved).toArray())
                .param(levels.stream().mapToLong(StockLevel::backorderLimit).toArray())
                .param(levels.stream().mapToLong(StockLevel::version).toArray())
                .update();
    }

    @Override
    public boolean insert(StockLevel level) {
        return jdbc.sql("""
                        INSERT INTO inventory (sku, location_id, on_hand, reserved, backorder_limit, version)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (sku, location_id) DO NOTHING
                        """)
                .param(level.sku().value())
                .param(level.location().value())
                .param(level.onHand())
                .param(level.reserved())
                .param(level.backorderLimit())
                .param(level.version())
                .update() == 1;
    }

    @Override
    public List<StockLevel> insertAll(Collection<StockLevel> levels) {
        if (levels.isEmpty()) {
            return List.of();
        }
        Set<List<String>> inserted = new HashSet<>(jdbc.sql("""
                        INSERT INTO inventory (sku, location_id, on_hand, reserved, backorder_limit, version)
                        SELECT * FROM unnest(:skus::text[], :locations::text[], :onHand::bigint[], :reserved::bigint[],
                                             :backorderLimits::bigint[], :versions::bigint[])
                        ON CONFLICT (sku, location_id) DO NOTHING
                        RETURNING sku, location_id
                        """)
                .param("skus", levels.stream().map(level -> level.sku().value()).toArray(String[]::new))
                .param("locations", levels.stream().map(level -> level.location().value()).toArray(String[]::new))
                .param("onHand", levels.stream().mapToLong(StockLevel::onHand).toArray())
                .param("reserved", levels.stream().mapToLong(StockLevel::reserved).toArray())
                .param("backorderLimits", levels.stream().mapToLong(StockLevel::backorderLimit).toArray())
                .param("versions", levels.stream().mapToLong(StockLevel::version).toArray())
                .query((row, n) -> List.of(row.getString("sku"), row.getString("location_id")))
                .list());
        return levels.stream()
                .filter(level -> inserted.contains(List.of(level.sku().value(), level.location().value())))
                .toList();
    }

    @Override
    public void setShortStock(Sku sku, Optional<ShortStock> policy) {
        if (policy.isEmpty()) {
            jdbc.sql("DELETE FROM sku_policy WHERE sku = ?").param(sku.value()).update();
            return;
        }
        jdbc.sql("""
                        INSERT INTO sku_policy (sku, short_stock) VALUES (?, ?)
                        ON CONFLICT (sku) DO UPDATE SET short_stock = EXCLUDED.short_stock
                        """)
                .param(sku.value())
                .param(policy.get().name())
                .update();
    }

    @Override
    public void setLowStock(Sku sku, OptionalLong threshold) {
        if (threshold.isEmpty()) {
            jdbc.sql("DELETE FROM sku_low_stock WHERE sku = ?").param(sku.value()).update();
            return;
        }
        jdbc.sql("""
                        INSERT INTO sku_low_stock (sku, threshold) VALUES (?, ?)
                        ON CONFLICT (sku) DO UPDATE SET threshold = EXCLUDED.threshold
                        """)
                .param(sku.value())
                .param(threshold.getAsLong())
                .update();
    }

    @Override
    public Map<Sku, SkuStock> findAll(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        Map<Sku, SkuStock> bySku = new TreeMap<>();
        read(jdbc.sql(LEVELS + "WHERE i.sku = ANY(?) ORDER BY i.sku, i.location_id")
                .param(skus.stream().map(Sku::value).toArray(String[]::new)))
                .forEach(stock -> bySku.put(stock.sku(), stock));
        return bySku;
    }

    @Override
    public Optional<SkuStock> find(Sku sku) {
        return read(jdbc.sql(LEVELS + "WHERE i.sku = ? ORDER BY i.location_id").param(sku.value()))
                .stream().findFirst();
    }

    @Override
    public List<SkuStock> list(Optional<Sku> after, int limit) {
        return read(jdbc.sql(LEVELS + """
                        WHERE i.sku IN (SELECT DISTINCT sku FROM inventory WHERE sku > ? ORDER BY sku LIMIT ?)
                        ORDER BY i.sku, i.location_id
                        """)
                .param(after.map(Sku::value).orElse(""))
                .param(limit));
    }

    @Override
    public boolean save(Location location) {
        return jdbc.sql("""
                        INSERT INTO location (id, name, priority) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, priority = EXCLUDED.priority
                        RETURNING xmax = 0 AS inserted
                        """)
                .param(location.id().value())
                .param(location.name())
                .param(location.priority())
                .query(Boolean.class)
                .single();
    }

    @Override
    public List<Location> locations() {
        return jdbc.sql("SELECT id, name, priority FROM location ORDER BY priority, id")
                .query((rs, row) -> new Location(LocationId.of(rs.getString("id")), rs.getString("name"),
                        rs.getInt("priority")))
                .list();
    }

    /** Rows ordered by SKU, grouped into each SKU's stock. */
    private static List<SkuStock> read(JdbcClient.StatementSpec query) {
        return query.query((ResultSet rs) -> {
            Map<Sku, List<StockLevel>> levels = new LinkedHashMap<>();
            Map<Sku, Optional<ShortStock>> policies = new LinkedHashMap<>();
            Map<Sku, OptionalLong> lowStockAt = new LinkedHashMap<>();
            while (rs.next()) {
                Sku sku = Sku.of(rs.getString("sku"));
                levels.computeIfAbsent(sku, key -> new ArrayList<>()).add(level(rs, sku));
                policies.put(sku, Optional.ofNullable(rs.getString("short_stock")).map(ShortStock::valueOf));
                long threshold = rs.getLong("low_stock_at");
                lowStockAt.put(sku, rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(threshold));
            }
            List<SkuStock> stock = new ArrayList<>(levels.size());
            levels.forEach((sku, each) -> stock.add(new SkuStock(sku, policies.get(sku), lowStockAt.get(sku), each)));
            return stock;
        });
    }

    private static StockLevel level(ResultSet rs, Sku sku) throws SQLException {
        return new StockLevel(sku, LocationId.of(rs.getString("location_id")), rs.getInt("priority"),
                rs.getLong("on_hand"), rs.getLong("reserved"), rs.getLong("backorder_limit"), rs.getLong("version"));
    }
}
