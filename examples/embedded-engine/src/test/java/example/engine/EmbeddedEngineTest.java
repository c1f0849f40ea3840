package example.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.domain.reservation.RejectionCode;
import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.ReservationStatus;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engine embedded in another service decides concurrent buyers against that service's own PostgreSQL. */
class EmbeddedEngineTest {

    @Test
    void concurrentBuyersGetTheUnitsThereAreAndNoMore() throws Exception {
        try (HikariDataSource dataSource = TestPostgres.freshDatabase().dataSource(8)) {
            var engine = new EmbeddedEngine(dataSource);
            Sku sku = Sku.of("TICKET");
            engine.useCases().manageStock().create(new CreateStockCommand(sku, 5));

            List<Callable<List<RequestOutcome>>> buyers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                var request = new ReservationRequest(ReservationId.generate(), "buyer-" + i,
                        List.of(new ReservationLine(sku, Quantity.of(1))), Duration.ofMinutes(10));
                buyers.add(() -> engine.useCases().process().process(new ProcessReservationsCommand(List.of(request))));
            }
            List<Reservation> decided = new ArrayList<>();
            var threads = Executors.newFixedThreadPool(8);
            try {
                for (Future<List<RequestOutcome>> outcome : threads.invokeAll(buyers)) {
                    decided.add(((RequestOutcome.Decided) outcome.get().get(0)).reservation());
                }
            } finally {
                threads.shutdown();
            }

            assertThat(decided).filteredOn(reservation -> reservation.status() == ReservationStatus.RESERVED)
                    .hasSize(5);
            assertThat(decided).filteredOn(reservation -> reservation.status() == ReservationStatus.REJECTED)
                    .hasSize(15)
                    .allSatisfy(rejected -> assertThat(rejected.rejection()).contains(RejectionCode.INSUFFICIENT_STOCK));
            var stock = engine.useCases().getStock().find(sku).orElseThrow();
            assertThat(stock.reserved()).isEqualTo(5);
            assertThat(stock.available()).isZero();
        }
    }
}
