package io.stocklock.application.service;

import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.out.Inventory;
import io.stocklock.application.port.out.StockLedger;
import io.stocklock.application.port.out.Transactions;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockChange;
import io.stocklock.domain.stock.StockLevel;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

public class ManageStockService implements ManageStock {

    private final Transactions transactions;
    private final Inventory inventory;
    private final StockLedger ledger;
    private final Clock clock;

    public ManageStockService(Transactions transactions, Inventory inventory, StockLedger ledger, Clock clock) {
        this.transactions = transactions;
        this.inventory = inventory;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public CreateResult create(CreateStockCommand command) {
        return transactions.inTransaction(() -> {
            StockLevel level = StockLevel.create(command.sku(), command.onHand());
            if (!inventory.insert(level)) {
                return new CreateResult.AlreadyExists(inventory.find(command.sku()).orElseThrow());
            }
            ledger.append(List.of(StockMovement.ofStock(StockMovement.Kind.CREATED, level.sku(), level.onHand(),
                    "created")), clock.instant());
            return new CreateResult.Created(level);
        });
    }

    @Override
    public Optional<StockChange> adjust(AdjustStockCommand command) {
        return change(command.sku(), StockMovement.Kind.ADJUSTED, command.reason(),
                level -> level.adjust(command.delta()));
    }

    @Override
    public Optional<StockChange> setOnHand(SetOnHandCommand command) {
        return change(command.sku(), StockMovement.Kind.SET, command.reason(),
                level -> level.setOnHand(command.expectedVersion(), command.newOnHand()));
    }

    private Optional<StockChange> change(Sku sku, StockMovement.Kind kind, String reason,
                                         Function<StockLevel, StockChange> change) {
        return transactions.inTransaction(() -> Optional.ofNullable(inventory.lock(List.of(sku)).get(sku))
                .map(level -> {
                    StockChange outcome = change.apply(level);
                    if (outcome instanceof StockChange.Changed changed && changed.onHandDelta() != 0) {
                        inventory.update(List.of(changed.level()));
                        ledger.append(List.of(StockMovement.ofStock(kind, sku, changed.onHandDelta(), reason)),
                                clock.instant());
                    }
                    return outcome;
                }));
    }
}
