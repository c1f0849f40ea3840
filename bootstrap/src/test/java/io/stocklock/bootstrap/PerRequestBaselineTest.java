package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;

/** With a batch size of 1, every request is its own transaction with its own FOR UPDATE: the per-request baseline. */
@SpringBootTest(properties = "stocklock.kafka.batch-size=1")
@ContextConfiguration(initializers = TestServers.class)
class PerRequestBaselineTest {

    @Autowired
    RequestIntake intake;
    @Autowired
    ManageStock manageStock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageListenerContainer reservationRequestListenerContainer;

    @Test
    void batchSizeOneDecidesEachRequestInATransactionOfItsOwn() {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("BASELINE"), 150));
        reservationRequestListenerContainer.stop(); // let requests queue up, as they would under load
        for (int i = 0; i < 200; i++) {
            intake.submit(new ReservationRequest(ReservationId.generate(), "buyer",
                    List.of(ReservationLine.of("BASELINE", 1)), Duration.ofMinutes(5)));
        }
        reservationRequestListenerContainer.start();

        await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.sql("SELECT COUNT(*) FROM reservation")
                .query(Long.class).single() == 200);

        // every transaction stamps its decisions with its own time: 200 requests, 200 transactions
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT decided_at) FROM reservation").query(Long.class).single())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT reserved FROM inventory WHERE sku = 'BASELINE'").query(Long.class).single())
                .isEqualTo(150);
    }
}
