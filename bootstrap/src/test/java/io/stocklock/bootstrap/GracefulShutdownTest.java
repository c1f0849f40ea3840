package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stocklock.adapters.kafka.KafkaSettings;
import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.out.RequestIntake;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;

/**
 * An instance shut down while it decides batches finishes the batch in hand and commits its offsets: afterwards the
 * group's committed offsets count exactly the requests decided, so nothing is redone or left half-done.
 */
@SpringBootTest(properties = "stocklock.kafka.batch-size=50")
@ContextConfiguration(initializers = TestServers.class)
class GracefulShutdownTest {

    @Autowired
    RequestIntake intake;
    @Autowired
    ManageStock manageStock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaSettings settings;
    @Autowired
    Environment environment;
    @Autowired
    MessageListenerContainer reservationRequestListenerContainer;

    @Test
    void aStoppingInstanceCommitsWhatItDecidedAndNothingElse() throws Exception {
        manageStock.create(new ManageStock.CreateStockCommand(Sku.of("GRACEFUL"), 1_000));
        reservationRequestListenerContainer.stop(); // the instance under test gets every partition
        for (int i = 0; i < 2_000; i++) {
            intake.submit(new ReservationRequest(ReservationId.generate(), "buyer",
                    List.of(ReservationLine.of("GRACEFUL", 1)), Duration.ofMinutes(5)));
        }

        try (var instance = TestServers.anotherInstance(environment)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> decided() >= 200);
        } // closing it is a graceful shutdown: the batch in hand is finished and committed

        long decidedAtShutdown = decided();
        assertThat(committedOffsets()).isEqualTo(decidedAtShutdown);
        reservationRequestListenerContainer.start();
        await().atMost(Duration.ofMinutes(2)).until(() -> decided() == 2_000);
        assertThat(new StockInvariants(jdbc).applyViolations()).isEmpty();
        assertThat(jdbc.sql("SELECT reserved FROM inventory WHERE sku = 'GRACEFUL'").query(Long.class).single())
                .isEqualTo(1_000);
    }

    private long decided() {
        return jdbc.sql("SELECT COUNT(*) FROM reservation WHERE status <> 'PENDING'").query(Long.class).single();
    }

    private long committedOffsets() throws Exception {
        try (var admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(settings.groupId())
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
