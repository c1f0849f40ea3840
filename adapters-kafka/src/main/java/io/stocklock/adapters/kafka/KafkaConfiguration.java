package io.stocklock.adapters.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Kafka side of stocklock: the producer every part shares, and its three parts, the request intake
 * ({@link RequestIntakeConfiguration}), dead letters ({@link DeadLetterConfiguration}) and the outcome events
 * ({@link OutcomeEventsConfiguration}). Producer and consumers are Spring Boot's ({@code spring.kafka.*}, connection
 * details, SSL bundles, client metrics); what stocklock needs is forced on top of them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
@Import({RequestIntakeConfiguration.class, DeadLetterConfiguration.class, OutcomeEventsConfiguration.class,
        StockLevelEventsConfiguration.class})
public class KafkaConfiguration {

    /**
     * What stocklock needs of Spring Boot's producer, forced on top of {@code spring.kafka.producer.*}: a send counts
     * only when every in-sync replica has it, a retried send is never written twice, a send fails within the send
     * timeout, and values are written as JSON.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer stocklockProducer(KafkaSettings settings) {
        return factory -> {
            int timeout = (int) settings.sendTimeout().toMillis();
            Object linger = factory.getConfigurationProperties().getOrDefault(ProducerConfig.LINGER_MS_CONFIG, 1);
            factory.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
                    ProducerConfig.LINGER_MS_CONFIG, linger,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout - Integer.parseInt(linger.toString()),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonValueSerializer.class));
        };
    }

    @Bean
    KafkaTemplate<String, Object> stocklockKafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        var template = new KafkaTemplate<>(producerFactory);
        // carries the caller's trace context (traceparent) in record headers when a tracer is configured
        template.setObservationEnabled(true);
        return template;
    }
}
