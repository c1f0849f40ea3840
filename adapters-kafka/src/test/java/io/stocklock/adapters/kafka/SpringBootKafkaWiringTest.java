package io.stocklock.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stocklock.adapters.kafka.request.KafkaRequestIntake;
import io.stocklock.application.failure.FailureClassifier;
import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.RelayOutcomes;
import io.stocklock.application.port.in.RelayStockLevels;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The adapter's producer and consumers are Spring Boot's: a broker that speaks only TLS is reached through an SSL
 * bundle ({@code spring.kafka.ssl.bundle}), a connection-details bean decides where the clients connect, the
 * client metrics are registered, and what stocklock forces on the producer holds over {@code spring.kafka.*}.
 */
class SpringBootKafkaWiringTest {

    private static EmbeddedKafkaBroker tlsBroker;

    private final List<ReservationRequest> decided = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startABrokerThatSpeaksOnlyTls() throws Exception {
        String keystore = Path.of(new ClassPathResource("tls/broker.p12").getURI()).toString();
        tlsBroker = new EmbeddedKafkaKraftBroker(1, 1).brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "listener.security.protocol.map", "EXTERNAL:SSL,CONTROLLER:PLAINTEXT",
                "ssl.keystore.location", keystore,
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.password", "test-only",
                "ssl.key.password", "test-only",
                // the broker checks its settings by connecting to itself, so it trusts its own certificate
                "ssl.truststore.location", keystore,
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", "test-only"));
        tlsBroker.afterPropertiesSet();
    }

    @AfterAll
    static void stopTheBroker() {
        tlsBroker.destroy();
    }

    private ApplicationContextRunner stocklock() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, KafkaAutoConfiguration.class,
                        KafkaMetricsAutoConfiguration.class))
                .withUserConfiguration(KafkaConfiguration.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(ProcessReservations.class, () -> command -> {
                    decided.addAll(command.requests());
                    return List.of();
                })
                .withBean(FailReservation.class, () -> command -> true)
                .withBean(FailureClassifier.class, () -> failure -> false)
                .withBean(RelayOutcomes.class, () -> command -> 0)
                .withBean(RelayStockLevels.class, () -> limit -> 0)
                .withPropertyValues(
                        "spring.kafka.security.protocol=SSL",
                        "spring.kafka.ssl.bundle=broker",
                        "spring.ssl.bundle.pem.broker.truststore.certificate=classpath:tls/broker.pem",
                        "spring.kafka.producer.acks=0",
                        "stocklock.kafka.partitions=1",
                        "stocklock.kafka.requests-topic=tls.requests",
                        "stocklock.kafka.events-topic=tls.events",
                        "stocklock.kafka.dead-letter-topic=tls.requests-dlt");
    }

    @Test
    void producerAndConsumersReachATlsOnlyBrokerThroughTheSslBundleAndReportTheirMetrics() {
        stocklock().withPropertyValues("spring.kafka.bootstrap-servers=" + tlsBroker.getBrokersAsString())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var request = new ReservationRequest(ReservationId.generate(), "buyer",
                            List.of(ReservationLine.of("TLS-1", 2)), Duration.ofMinutes(1));
                    context.getBean(KafkaRequestIntake.class).submit(request).get();

                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                            assertThat(decided).extracting(ReservationRequest::id).containsExactly(request.id()));
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.find("kafka.producer.record.send.total").functionCounters())
                            .as("producer metrics").isNotEmpty();
                    assertThat(meters.find("kafka.consumer.fetch.manager.records.consumed.total")
                            .functionCounters()).as("consumer metrics").isNotEmpty();

                    Map<String, Object> producer = context.getBean(ProducerFactory.class).getConfigurationProperties();
                    assertThat(producer).as("forced over spring.kafka.producer.acks=0")
                            .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                            .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                });
    }

    @Test
    void withoutTheBundleTheBrokerIsNotReached() {
        stocklock().withPropertyValues("spring.kafka.bootstrap-servers=" + tlsBroker.getBrokersAsString(),
                        "spring.kafka.ssl.bundle=", "stocklock.kafka.send-timeout=3s")
                .run(context -> {
                    var request = new ReservationRequest(ReservationId.generate(), "buyer",
                            List.of(ReservationLine.of("TLS-0", 1)), Duration.ofMinutes(1));
                    assertThatThrownBy(() -> context.getBean(KafkaRequestIntake.class).submit(request).get())
                            .isInstanceOf(ExecutionException.class);
                    assertThat(decided).isEmpty();
                });
    }

    @Test
    void aConnectionDetailsBeanDecidesWhereAndHowTheClientsConnect() {
        // properties that lead nowhere: only the bean (as a Testcontainers @ServiceConnection makes one) reaches Kafka
        stocklock().withPropertyValues("spring.kafka.bootstrap-servers=localhost:1", "spring.kafka.ssl.bundle=")
                .withUserConfiguration(ConnectionDetails.class)
                .run(context -> {
                    var request = new ReservationRequest(ReservationId.generate(), "buyer",
                            List.of(ReservationLine.of("TLS-2", 1)), Duration.ofMinutes(1));
                    context.getBean(KafkaRequestIntake.class).submit(request).get();
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                            assertThat(decided).extracting(ReservationRequest::id).contains(request.id()));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class ConnectionDetails {

        @Bean
        KafkaConnectionDetails kafkaConnectionDetails(SslBundles bundles) {
            return new KafkaConnectionDetails() {
                @Override
                public List<String> getBootstrapServers() {
                    return List.of(tlsBroker.getBrokersAsString());
                }

                @Override
                public String getSecurityProtocol() {
                    return "SSL";
                }

                @Override
                public SslBundle getSslBundle() {
                    return bundles.getBundle("broker");
                }
            };
        }
    }
}
