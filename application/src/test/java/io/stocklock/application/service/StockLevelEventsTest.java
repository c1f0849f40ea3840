package io.stocklock.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stocklock.application.port.in.ConfirmReservation.ConfirmReservationCommand;
import io.stocklock.application.port.in.ImportStock.ImportStockCommand;
import io.stocklock.application.port.in.ImportStock.StockLine;
import io.stocklock.application.port.in.ManageStock.AdjustStockCommand;
import io.stocklock.application.port.in.ManageStock.SetLowStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ReleaseReservation.ReleaseReservationCommand;
import io.stocklock.application.port.out.StockLevelPublisher;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockLevelEvent.Kind;
import io.stocklock.domain.stock.StockLevelEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockLevelEventsTest extends ServiceTestSupport {

    private static final Sku A = Sku.of("A");

    @BeforeEach
    void tenUnitsLowAtThree() {
        stock("A", 10);
        assertThat(manageStock.setLowStock(new SetLowStockCommand(A, OptionalLong.of(3))).orElseThrow().lowStockAt())
                .hasValue(3);
    }

    @Test
    void everyWayStockChangesTellsWhatItCrossedOnce() {
        ReservationRequest most = request(ReservationLine.of("A", 7));
        process.process(new ProcessReservationsCommand(List.of(most)));
        process.process(new ProcessReservationsCommand(List.of(request(ReservationLine.of("A", 1)))));
        ReservationRequest rest = request(ReservationLine.of("A", 2));
        process.process(new ProcessReservationsCommand(List.of(rest)));
        release.release(new ReleaseReservationCommand(rest.id()));
        confirm.confirm(new ConfirmReservationCommand(most.id()));
        manageStock.adjust(new AdjustStockCommand(A, -2, "damaged"));
        importStock.importLines(new ImportStockCommand(List.of(new StockLine(1, A, LocationId.DEFAULT, 20))));

        assertThat(stores.stockLevelEvents()).extracting(StockLevelEvent::kind, StockLevelEvent::available)
                .containsExactly(
                        tuple(Kind.LOW_STOCK, 3L),      // 7 reserved: 3 left (1 more: low already, nothing)
                        tuple(Kind.SOLD_OUT, 0L),       // the last 2
                        tuple(Kind.BACK_IN_STOCK, 2L),  // released (the confirmation changes nothing available)
                        tuple(Kind.SOLD_OUT, 0L),       // written off
                        tuple(Kind.BACK_IN_STOCK, 19L)); // imported: 20 on hand, 1 still held
    }

    private RelayStockLevelsService relay(StockLevelPublisher publisher) {
        return new RelayStockLevelsService(ports.transactions(), ports.stockLevels(), publisher);
    }

    @Test
    void theRelayPublishesInOrderAndKeepsWhatTheBrokerDidNotTake() {
        process.process(new ProcessReservationsCommand(List.of(request(ReservationLine.of("A", 8)))));
        process.process(new ProcessReservationsCommand(List.of(request(ReservationLine.of("A", 2)))));
        List<StockLevelEvent> published = new ArrayList<>();
        StockLevelPublisher down = events -> {
            throw new IllegalStateException("broker down");
        };

        assertThatThrownBy(() -> relay(down).relay(100))
                .hasMessage("broker down");
        assertThat(stores.stockLevelEvents()).hasSize(2);
        assertThat(relay(published::addAll).relay(1)).isEqualTo(1);
        assertThat(relay(published::addAll).relay(100)).isEqualTo(1);

        assertThat(published).extracting(StockLevelEvent::kind).containsExactly(Kind.LOW_STOCK, Kind.SOLD_OUT);
        assertThat(stores.stockLevelEvents()).isEmpty();
    }
}
