package io.stocklock.application.service;

import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import java.util.List;
import java.util.Optional;

public class GetStockService implements GetStock {

    private final Inventory inventory;
    private final StockLedger ledger;

    public GetStockService(Inventory inventory, StockLedger ledger) {
        this.inventory = inventory;
        this.ledger = ledger;
    }

    @Override
    public Optional<SkuStock> find(Sku sku) {
        return inventory.find(sku);
    }

    @Override
    public List<SkuStock> list(Optional<Sku> after, int limit) {
        return inventory.list(after, limit);
    }

    @Override
    public List<LedgerEntry> movements(Sku sku, long afterSequence, int limit) {
        return ledger.history(sku, afterSequence, limit);
    }

    @Override
    public List<Location> locations() {
        return inventory.locations();
    }
}
