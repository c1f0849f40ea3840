package io.stocklock.adapters.persistence.reservation;

import io.stocklock.domain.reservation.Holding;
import io.stocklock.domain.stock.Sku;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code owner_holding} table: how many units each owner holds of each SKU, changed in the transaction that
 * changes the owner's reservations, under the SKU's lock.
 */
final class OwnerHoldings {

    private final JdbcClient jdbc;

    OwnerHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Holding, Long> unitsHeld(Collection<String> owners, Collection<Sku> skus) {
        if (owners.isEmpty() || skus.isEmpty()) {
            return Map.of();
        }
        Map<Holding, Long> held = new HashMap<>();
        jdbc.sql("""
                        SELECT owner, sku, units FROM owner_holding
                        WHERE owner = ANY(:owners) AND sku = ANY(:skus) AND units > 0
                        """)
                .param("owners", owners.toArray(String[]::new))
                .param("skus", skus.stream().map(Sku::value).toArray(String[]::new))
                .query((row, n) -> held.put(new Holding(row.getString("owner"), Sku.of(row.getString("sku"))),
                        row.getLong("units")))
                .list();
        return held;
    }

    void add(Map<Holding, Long> units) {
        // a hold that ends takes from a holding that exists; the CHECK of a proposed row comes before ON CONFLICT
        change(units, true, """
                UPDATE owner_holding h SET units = h.units + d.units
                FROM unnest(:owners::text[], :skus::text[], :units::bigint[]) AS d(owner, sku, units)
                WHERE h.owner = d.owner AND h.sku = d.sku
                """);
        change(units, false, """
                INSERT INTO owner_holding (owner, sku, units)
                SELECT owner, sku, units FROM unnest(:owners::text[], :skus::text[], :units::bigint[])
                                              AS h(owner, sku, units)
                ON CONFLICT (owner, sku) DO UPDATE SET units = owner_holding.units + EXCLUDED.units
                """);
    }

    /**
     * Deletes up to {@code limit} holdings that ended (zero units). Called last in a retention transaction: a decision
     * adding to one of them waits for its commit (holding its SKU's lock meanwhile), so their locks are taken just
     * before it; one held right now is skipped, and kept if it is no longer zero.
     */
    void forgetEmpty(int limit) {
        jdbc.sql("""
                        DELETE FROM owner_holding h USING (
                            SELECT owner, sku FROM owner_holding WHERE units = 0 LIMIT :limit FOR UPDATE SKIP LOCKED) AS z
                        WHERE h.owner = z.owner AND h.sku = z.sku AND h.units = 0
                        """)
                .param("limit", limit)
                .update();
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
                .param("owners", changes.stream().map(change -> change.getKey().owner()).toArray(String[]::new))
                .param("skus", changes.stream().map(change -> change.getKey().sku().value()).toArray(String[]::new))
                .param("units", changes.stream().mapToLong(Map.Entry::getValue).toArray())
                .update();
    }
}
