package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.ImportStock;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ManageStock.AdjustStockCommand;
import io.stocklock.application.port.in.ManageStock.CreateResult;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ManageStock.SetOnHandCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.ledger.StockMovement;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockChange;
import io.stocklock.domain.stock.StockLevel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageStockServiceTest extends ServiceTestSupport {

    private static final Sku A = Sku.of("A");

    @Test
    void createIsOnceOnly() {
        assertThat(manageStock.create(new CreateStockCommand(A, 5))).isEqualTo(new CreateResult.Created(SkuStock.of(StockLevel.create(A, 5))));
        assertThat(manageStock.create(new CreateStockCommand(A, 9)))
                .isEqualTo(new CreateResult.AlreadyExists(SkuStock.of(StockLevel.create(A, 5))));
        assertThat(getStock.movements(A, 0, 10)).hasSize(1);
    }

    @Test
    void anImportCreatesOrSetsEachLineWholeAndSendingItAgainChangesNothing() {
        stock("A", 5);
        process.process(new ProcessReservationsCommand(List.of(request(ReservationLine.of("A", 3)))));
        var lines = List.of(new ImportStock.StockLine(1, A, LocationId.DEFAULT, 10),
                new ImportStock.StockLine(2, Sku.of("B"), LocationId.DEFAULT, 4),
                new ImportStock.StockLine(3, Sku.of("C"), LocationId.of("nowhere"), 4),
                new ImportStock.StockLine(4, Sku.of("B"), LocationId.DEFAULT, 6),
                new ImportStock.StockLine(5, A, LocationId.DEFAULT, 2));

        List<ImportStock.LineResult> first = importStock.importLines(new ImportStock.ImportStockCommand(lines));

        assertThat(first).containsExactly(new ImportStock.LineResult.Set(1, 5),
                new ImportStock.LineResult.Created(2),
                new ImportStock.LineResult.Refused(3, ImportStock.Reason.UNKNOWN_LOCATION, "no location nowhere"),
                new ImportStock.LineResult.Created(4),
                new ImportStock.LineResult.Refused(5, ImportStock.Reason.BELOW_RESERVED,
                        ((ImportStock.LineResult.Refused) first.get(4)).detail()));
        assertThat(getStock.find(A).orElseThrow().onHand()).isEqualTo(10);
        assertThat(getStock.find(A).orElseThrow().reserved()).isEqualTo(3);
        assertThat(getStock.find(Sku.of("B")).orElseThrow().onHand()).as("the last line of a SKU says its level")
                .isEqualTo(6);
        assertThat(getStock.find(Sku.of("C"))).isEmpty();
        assertThat(getStock.movements(Sku.of("B"), 0, 10)).extracting(entry -> entry.movement().kind())
                .containsExactly(StockMovement.Kind.CREATED);

        List<ImportStock.LineResult> again = importStock.importLines(new ImportStock.ImportStockCommand(lines));

        assertThat(again.get(0)).isEqualTo(new ImportStock.LineResult.Set(1, 0));
        assertThat(again.get(1)).isEqualTo(new ImportStock.LineResult.Set(2, -2));
        assertThat(again.get(3)).isEqualTo(new ImportStock.LineResult.Set(4, 2));
        assertThat(getStock.find(A).orElseThrow().onHand()).as("absolute levels: applied twice, as once")
                .isEqualTo(10);
        assertThat(getStock.find(Sku.of("B")).orElseThrow().onHand()).isEqualTo(6);
    }

    @Test
    void adjustmentsAreLedgeredWithTheirReason() {
        stock("A", 5);

        manageStock.adjust(new AdjustStockCommand(A, 7, "delivery 42"));
        manageStock.adjust(new AdjustStockCommand(A, -2, "damaged"));

        assertThat(getStock.find(A)).contains(SkuStock.of(new StockLevel(A, 10, 0, 2)));
        assertThat(getStock.movements(A, 0, 10)).extracting(LedgerEntry::movement).containsExactly(
                StockMovement.ofStock(StockMovement.Kind.CREATED, A, LocationId.DEFAULT, 5, "created"),
                StockMovement.ofStock(StockMovement.Kind.ADJUSTED, A, LocationId.DEFAULT, 7, "delivery 42"),
                StockMovement.ofStock(StockMovement.Kind.ADJUSTED, A, LocationId.DEFAULT, -2, "damaged"));
    }

    @Test
    void onHandNeverGoesBelowWhatIsReserved() {
        stock("A", 5);
        process.process(new ProcessReservationsCommand(List.of(request(ReservationLine.of("A", 4)))));

        Optional<StockChange> change = manageStock.adjust(new AdjustStockCommand(A, -2, "stocktake"))
                .map(ManageStock.StockResult::change);

        assertThat(change).get().isInstanceOfSatisfying(StockChange.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(StockChange.RefusalCode.BELOW_RESERVED));
        assertThat(getStock.find(A)).contains(SkuStock.of(new StockLevel(A, 5, 4)));
    }

    @Test
    void setOnHandComparesBeforeItSets() {
        stock("A", 5);

        assertThat(manageStock.setOnHand(new SetOnHandCommand(A, 1, 8, "stocktake"))).get()
                .extracting(ManageStock.StockResult::change).isInstanceOf(StockChange.Refused.class);
        assertThat(manageStock.setOnHand(new SetOnHandCommand(A, 0, 8, "stocktake"))).get()
                .extracting(ManageStock.StockResult::change).isInstanceOf(StockChange.Changed.class);

        assertThat(getStock.find(A)).contains(SkuStock.of(new StockLevel(A, 8, 0, 1)));
        assertThat(getStock.movements(A, 0, 10)).last().extracting(LedgerEntry::movement)
                .isEqualTo(StockMovement.ofStock(StockMovement.Kind.SET, A, LocationId.DEFAULT, 3, "stocktake"));
    }

    @Test
    void unknownSkuIsEmptyNotAnError() {
        assertThat(manageStock.adjust(new AdjustStockCommand(Sku.of("NOPE"), 1, "x"))).isEmpty();
        assertThat(manageStock.setOnHand(new SetOnHandCommand(Sku.of("NOPE"), 0, 1, "x"))).isEmpty();
    }
}
