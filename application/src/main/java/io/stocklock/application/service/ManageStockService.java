package io.stocklock.application.service;

import io.stocklock.application.port.in.ManageStock;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

public class ManageStockService implements ManageStock {

    private final Transactions transactions;
    private final Inventory inventory;
    private final StockLedger ledger;
    private final StockLevelOutbox stockLevels;
    private final ShortStock whenUnset;
    private final Clock clock;

    /** @param whenUnset the deployment's short-stock policy, for telling when a SKU without one sells out */
    public ManageStockService(Transactions transactions, Inventory inventory, StockLedger ledger,
                              StockLevelOutbox stockLevels, ShortStock whenUnset, Clock clock) {
        this.transactions = transactions;
        this.inventory = inventory;
        this.ledger = ledger;
        this.stockLevels = stockLevels;
        this.whenUnset = whenUnset;
        this.clock = clock;
    }

    @Override
    public CreateResult create(CreateStockCommand command) {
        return transactions.inTransaction(() -> {
            if (inventory.locations().stream().noneMatch(location -> location.id().equals(command.location()))) {
                return new CreateResult.UnknownLocation(command.location());
            }
            StockLevel level = StockLevel.create(command.sku(), command.location(), command.onHand(),
                    command.backorderLimit());
            // a location added to a SKU kept elsewhere already can bring it back in stock
            Map<Sku, SkuStock> before = inventory.lock(List.of(command.sku()));
            if (!inventory.insert(level)) {
                return new CreateResult.AlreadyExists(inventory.find(command.sku()).orElseThrow());
            }
            ledger.append(List.of(StockMovement.ofStock(StockMovement.Kind.CREATED, level.sku(), level.location(),
                    level.onHand(), "created")), clock.instant());
            SkuStock after = inventory.find(command.sku()).orElseThrow();
            tellCrossings(before, after);
            return new CreateResult.Created(after);
        });
    }

    @Override
    public Optional<StockResult> adjust(AdjustStockCommand command) {
        return change(command.sku(), command.location(), StockMovement.Kind.ADJUSTED, command.reason(),
                stock -> stock.adjust(command.location(), command.delta()));
    }

    @Override
    public Optional<StockResult> setOnHand(SetOnHandCommand command) {
        return change(command.sku(), command.location(), StockMovement.Kind.SET, command.reason(),
                stock -> stock.setOnHand(command.location(), command.expectedVersion(), command.newOnHand()));
    }

    @Override
    public Optional<StockResult> limitBackorders(LimitBackordersCommand command) {
        return change(command.sku(), command.location(), null, null,
                stock -> stock.limitBackorders(command.location(), command.backorderLimit()));
    }

    @Override
    public Optional<SkuStock> setShortStock(SetShortStockCommand command) {
        return transactions.inTransaction(() -> Optional.ofNullable(inventory.lock(List.of(command.sku()))
                .get(command.sku())).map(stock -> {
                    inventory.setShortStock(command.sku(), command.policy());
                    SkuStock after = stock.with(command.policy());
                    tellCrossings(Map.of(stock.sku(), stock), after);
                    return after;
                }));
    }

    @Override
    public Optional<SkuStock> setLowStock(SetLowStockCommand command) {
        return transactions.inTransaction(() -> Optional.ofNullable(inventory.lock(List.of(command.sku()))
                .get(command.sku())).map(stock -> {
                    inventory.setLowStock(command.sku(), command.threshold());
                    return stock.withLowStockAt(command.threshold());
                }));
    }

    private void tellCrossings(Map<Sku, SkuStock> before, SkuStock after) {
        stockLevels.append(StockCrossings.of(before, List.of(after), whenUnset, clock.instant()));
    }

    @Override
    public boolean saveLocation(Location location) {
        return transactions.inTransaction(() -> inventory.save(location));
    }

    /** @param kind the ledger entry of a change of on hand; none for a change of anything else */
    private Optional<StockResult> change(Sku sku, LocationId location, StockMovement.Kind kind, String reason,
                                         Function<SkuStock, StockChange> change) {
        return transactions.inTransaction(() -> Optional.ofNullable(inventory.lock(List.of(sku)).get(sku))
                .map(stock -> {
                    StockChange outcome = change.apply(stock);
                    if (!(outcome instanceof StockChange.Changed changed)) {
                        return new StockResult(outcome, stock);
                    }
                    if (!changed.level().equals(stock.at(location).orElseThrow())) {
                        inventory.update(List.of(changed.level()));
                    }
                    if (kind != null && changed.onHandDelta() != 0) {
                        ledger.append(List.of(StockMovement.ofStock(kind, sku, location, changed.onHandDelta(),
                                reason)), clock.instant());
                    }
                    SkuStock after = stock.with(changed.level());
                    tellCrossings(Map.of(sku, stock), after);
                    return new StockResult(outcome, after);
                }));
    }
}
