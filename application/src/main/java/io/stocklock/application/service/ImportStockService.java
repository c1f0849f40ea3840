package io.stocklock.application.service;

import io.stocklock.application.port.in.ImportStock;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.StockLevelOutbox;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockChange;
import io.stocklock.domain.stock.StockLevel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Stock imported by the page, by absolute levels. */
public class ImportStockService implements ImportStock {

    private final Transactions transactions;
    private final Inventory inventory;
    private final StockLedger ledger;
    private final StockLevelOutbox stockLevels;
    private final ShortStock whenUnset;
    private final Clock clock;

    /** @param whenUnset the deployment's short-stock policy, for telling when a SKU without one sells out */
    public ImportStockService(Transactions transactions, Inventory inventory, StockLedger ledger,
                              StockLevelOutbox stockLevels, ShortStock whenUnset, Clock clock) {
        this.transactions = transactions;
        this.inventory = inventory;
        this.ledger = ledger;
        this.stockLevels = stockLevels;
        this.whenUnset = whenUnset;
        this.clock = clock;
    }

    /** A SKU at a location: what a line of an import sets. */
    private record At(Sku sku, LocationId location) {
    }

    /**
     * One page of an import in one transaction: the SKUs kept already are locked in the one lock order and set, each
     * line on its own level (a later line of the same SKU and location sees what an earlier one left); the others are
     * created in one statement. Every change of on hand is in the ledger.
     */
    @Override
    public List<LineResult> importLines(ImportStockCommand command) {
        return transactions.inTransaction(() -> {
            Set<LocationId> locations = inventory.locations().stream().map(Location::id).collect(Collectors.toSet());
            Map<Sku, SkuStock> locked = inventory.lock(command.lines().stream().map(StockLine::sku).distinct()
                    .toList());
            Map<Sku, SkuStock> stock = new HashMap<>(locked);
            Map<At, StockLevel> created = new LinkedHashMap<>();
            Map<At, StockLevel> changed = new LinkedHashMap<>();
            List<StockMovement> movements = new ArrayList<>();
            List<LineResult> results = new ArrayList<>(command.lines().size());
            List<At> createdBy = new ArrayList<>(command.lines().size()); // per line: what it created
            for (StockLine line : command.lines()) {
                createdBy.add(null);
                At key = new At(line.sku(), line.location());
                SkuStock kept = stock.get(line.sku());
                if (!locations.contains(line.location())) {
                    results.add(new LineResult.Refused(line.number(), Reason.UNKNOWN_LOCATION,
                            "no location " + line.location()));
                } else if (created.containsKey(key) || kept == null || kept.at(line.location()).isEmpty()) {
                    // not kept there yet, or created by an earlier line of this page: the last line says the level
                    created.put(key, StockLevel.create(line.sku(), line.location(), line.onHand(), 0));
                    results.add(new LineResult.Created(line.number()));
                    createdBy.set(createdBy.size() - 1, key);
                } else {
                    StockChange change = kept.setOnHand(line.location(), kept.version(), line.onHand());
                    if (change instanceof StockChange.Changed set) {
                        // a level that already is what the line says is not written again (an import sent twice)
                        if (set.onHandDelta() != 0) {
                            stock.put(line.sku(), kept.with(set.level()));
                            changed.put(key, set.level());
                            movements.add(StockMovement.ofStock(StockMovement.Kind.SET, line.sku(), line.location(),
                                    set.onHandDelta(), "imported"));
                        }
                        results.add(new LineResult.Set(line.number(), set.onHandDelta()));
                    } else {
                        var refused = (StockChange.Refused) change;
                        results.add(new LineResult.Refused(line.number(), Reason.of(refused.code()),
                                refused.reason()));
                    }
                }
            }
            inventory.update(changed.values());
            Set<At> inserted = inventory.insertAll(created.values()).stream()
                    .map(level -> new At(level.sku(), level.location())).collect(Collectors.toSet());
            created.forEach((key, level) -> {
                if (inserted.contains(key)) {
                    movements.add(StockMovement.ofStock(StockMovement.Kind.CREATED, level.sku(), level.location(),
                            level.onHand(), "imported"));
                    stock.computeIfPresent(level.sku(), (sku, kept) -> kept.with(level));
                }
            });
            ledger.append(movements, clock.instant());
            stockLevels.append(StockCrossings.of(locked, stock.values(), whenUnset, clock.instant()));
            for (int i = 0; i < results.size(); i++) {
                if (createdBy.get(i) != null && !inserted.contains(createdBy.get(i))) {
                    results.set(i, new LineResult.Refused(results.get(i).number(), Reason.CREATED_MEANWHILE,
                            "another request created it meanwhile: send the line again"));
                }
            }
            return results;
        });
    }
}
