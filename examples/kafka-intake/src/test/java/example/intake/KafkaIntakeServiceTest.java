package example.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.domain.stock.Sku;
import io.stocklock.testsupport.TestKafka;
import io.stocklock.testsupport.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Requests written to the request topic by a producer of the host's own are decided, and their outcomes read from the
 * event topic: three buyers, two units.
 */
class KafkaIntakeServiceTest {

    @Test
    void requestsOnTheTopicAreDecidedAndTheirOutcomesPublished() throws Exception {
        var database = TestPostgres.freshDatabase();
        String servers = TestKafka.bootstrapServers();
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(KafkaIntakeService.class).run(
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(), "--spring.kafka.bootstrap-servers=" + servers,
                "--stocklock.kafka.partitions=1")) {
            service.getBean(ManageStock.class).create(new CreateStockCommand(Sku.of("SEAT"), 2));

            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(), new StringSerializer())) {
                for (String buyer : List.of("ann", "ben", "cat")) {
                    producer.send(new ProducerRecord<>("stocklock.reservation-requests", "SEAT", """
                            {"schemaVersion":1,"requestId":"%s","owner":"%s",
                             "lines":[{"sku":"SEAT","quantity":1}],"holdSeconds":600}"""
                            .formatted(UUID.randomUUID(), buyer))).get();
                }
            }

            List<String> statuses = new ArrayList<>();
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG, "example-reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("stocklock.reservation-events"));
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (statuses.size() < 3 && System.nanoTime() < until) {
                    consumer.poll(Duration.ofMillis(500)).forEach(event ->
                            statuses.add(event.value().replaceAll(".*\"status\":\"([A-Z]+)\".*", "$1")));
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder("RESERVED", "RESERVED", "REJECTED");
        }
    }
}
