package io.stocklock.application.service;

import io.stocklock.application.port.in.ManageSales;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.Sales;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleBuyer;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.sale.SaleLimit;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

public class ManageSalesService implements ManageSales {

    private final Transactions transactions;
    private final Inventory inventory;
    private final Sales sales;

    public ManageSalesService(Transactions transactions, Inventory inventory, Sales sales) {
        this.transactions = transactions;
        this.inventory = inventory;
        this.sales = sales;
    }

    /** Under the locks of every SKU that joins, stays in or leaves the sale: no decision reads it half changed. */
    @Override
    public PutResult put(Sale sale) {
        return transactions.inTransaction(() -> {
            Optional<Sale> before = sales.find(sale.id());
            SortedSet<Sku> involved = new TreeSet<>(sale.skus());
            before.ifPresent(existing -> involved.addAll(existing.skus()));
            Map<Sku, SkuStock> locked = inventory.lock(involved);
            Map<Sku, SaleLimit> current = sales.ofSkus(involved);
            for (Sku sku : involved) {
                if (sale.skus().contains(sku) && !locked.containsKey(sku)) {
                    return new PutResult.UnknownSku(sku);
                }
                Optional<SaleId> was = Optional.ofNullable(current.get(sku)).map(SaleLimit::sale);
                if (was.isPresent() && !was.get().equals(sale.id())) {
                    if (sale.skus().contains(sku)) {
                        return new PutResult.SkuInAnotherSale(sku, was.get());
                    }
                    continue;
                }
                Optional<SaleId> will = sale.skus().contains(sku) ? Optional.of(sale.id()) : Optional.empty();
                SkuStock stock = locked.get(sku);
                if (!was.equals(will) && stock != null && stock.reserved() > 0) {
                    return new PutResult.SkuHeld(sku, stock.reserved());
                }
            }
            sales.put(sale);
            return new PutResult.Stored(sale, before.isEmpty());
        });
    }

    @Override
    public Optional<SaleView> find(SaleId id, Optional<String> buyer) {
        return sales.find(id).map(sale -> new SaleView(sale,
                buyer.map(owner -> sales.counted(new SaleBuyer(id, owner)))));
    }
}
