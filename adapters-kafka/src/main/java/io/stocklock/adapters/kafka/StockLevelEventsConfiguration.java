package io.stocklock.adapters.kafka;

import io.stocklock.adapters.kafka.event.KafkaStockLevelPublisher;
import io.stocklock.adapters.kafka.event.RelayLoop;
import io.stocklock.application.port.in.RelayStockLevels;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** The stock-level events: their topic, their publisher, and the relay that publishes their outbox. */
@Configuration(proxyBeanMethods = false)
public class StockLevelEventsConfiguration {

    @Bean
    NewTopic stockLevelsTopic(KafkaSettings settings) {
        return settings.topic(settings.stockLevelsTopic());
    }

    @Bean
    KafkaStockLevelPublisher stockLevelPublisher(ProducerFactory<String, Object> producerFactory,
                                                 KafkaSettings settings) {
        return new KafkaStockLevelPublisher(new KafkaTemplate<>(producerFactory), settings.stockLevelsTopic(),
                settings.sendTimeout());
    }

    @Bean
    RelayLoop stockLevelRelay(RelayStockLevels relayStockLevels, KafkaSettings settings) {
        return new RelayLoop("stock-level", relayStockLevels::relay, settings.relayBatchSize(),
                settings.relayInterval());
    }
}
