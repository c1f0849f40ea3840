package io.stocklock.adapters.persistence.sale;

import io.stocklock.application.port.out.Sales;
import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.Sku;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code sale}, {@code sale_sku} and {@code sale_buyer} tables. */
public class JdbcSales implements Sales {

    private final JdbcClient jdbc;

    public JdbcSales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Sku, SaleLimit> ofSkus(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        Map<Sku, SaleLimit> of = new HashMap<>();
        jdbc.sql("""
                        SELECT k.sku, s.id, s.max_units_per_buyer FROM sale_sku k JOIN sale s ON s.id = k.sale_id
                        WHERE k.sku = ANY(:skus)
                        """)
                .param("skus", skus.stream().map(Sku::value).toArray(String[]::new))
                .query((row, n) -> of.put(Sku.of(row.getString("sku")),
                        new SaleLimit(SaleId.of(row.getString("id")), row.getLong("max_units_per_buyer"))))
                .list();
        return of;
    }

    /**
     * One statement, rows proposed in (sale, buyer) order: an existing row is locked by the no-op update, a new one
     * by its insertion (a second transaction proposing it waits for the first to end, then locks and reads it).
     */
    @Override
    public Map<SaleBuyer, Long> lockCounts(SortedSet<SaleBuyer> buyers) {
        if (buyers.isEmpty()) {
            return Map.of();
        }
        Map<SaleBuyer, Long> counts = new HashMap<>();
        jdbc.sql("""
                        INSERT INTO sale_buyer (sale_id, buyer, units)
                        SELECT sale_id, buyer, 0 FROM unnest(:sales::text[], :buyers::text[]) WITH ORDINALITY
                                                      AS b(sale_id, buyer, n)
                        ORDER BY n
                        ON CONFLICT (sale_id, buyer) DO UPDATE SET units = sale_buyer.units
                        RETURNING sale_id, buyer, units
                        """)
                .param("sales", buyers.stream().map(buyer -> buyer.sale().value()).toArray(String[]::new))
                .param("buyers", buyers.stream().map(SaleBuyer::buyer).toArray(String[]::new))
                .query((row, n) -> counts.put(new SaleBuyer(SaleId.of(row.getString("sale_id")),
                        row.getString("buyer")), row.getLong("units")))
                .list();
        return counts;
    }

    @Override
    public void addToCounts(Map<SaleBuyer, Long> changes) {
        List<Map.Entry<SaleBuyer, Long>> nonZero = changes.entrySet().stream()
                .filter(change -> change.getValue() != 0)
                .sorted(Map.Entry.comparingByKey())
                .toList();
        if (nonZero.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE sale_buyer b SET units = b.units + c.units
                        FROM unnest(:sales::text[], :buyers::text[], :units::bigint[]) AS c(sale_id, buyer, units)
                        WHERE b.sale_id = c.sale_id AND b.buyer = c.buyer
                        """)
                .param("sales", nonZero.stream().map(change -> change.getKey().sale().value()).toArray(String[]::new))
                .param("buyers", nonZero.stream().map(change -> change.getKey().buyer()).toArray(String[]::new))
                .param("units", nonZero.stream().mapToLong(Map.Entry::getValue).toArray())
                .update();
    }

    @Override
    public long counted(SaleBuyer buyer) {
        return jdbc.sql("SELECT units FROM sale_buyer WHERE sale_id = :sale AND buyer = :buyer")
                .param("sale", buyer.sale().value())
                .param("buyer", buyer.buyer())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    @Override
    public Optional<Sale> find(SaleId id) {
        return jdbc.sql("""
                        SELECT s.max_units_per_buyer, array_agg(k.sku ORDER BY k.sku) AS skus
                        FROM sale s JOIN sale_sku k ON k.sale_id = s.id
                        WHERE s.id = :id
                        GROUP BY s.id
                        """)
                .param("id", id.value())
                .query((row, n) -> Sale.of(id, row.getLong("max_units_per_buyer"),
                        List.of((String[]) row.getArray("skus").getArray()).stream().map(Sku::of).toList()))
                .optional();
    }

    @Override
    public void put(Sale sale) {
        jdbc.sql("""
                        INSERT INTO sale (id, max_units_per_buyer) VALUES (:id, :max)
                        ON CONFLICT (id) DO UPDATE SET max_units_per_buyer = EXCLUDED.max_units_per_buyer
                        """)
                .param("id", sale.id().value())
                .param("max", sale.maxUnitsPerBuyer())
                .update();
        jdbc.sql("DELETE FROM sale_sku WHERE sale_id = :id AND NOT (sku = ANY(:skus))")
                .param("id", sale.id().value())
                .param("skus", sale.skus().stream().map(Sku::value).toArray(String[]::new))
                .update();
        jdbc.sql("""
                        INSERT INTO sale_sku (sku, sale_id) SELECT unnest(:skus::text[]), :id
                        ON CONFLICT (sku) DO NOTHING
                        """)
                .param("id", sale.id().value())
                .param("skus", sale.skus().stream().map(Sku::value).toArray(String[]::new))
                .update();
    }
}
