package io.stocklock.adapters.kafka;

import io.stocklock.adapters.kafka.event.KafkaOutcomePublisher;
import io.stocklock.adapters.kafka.event.RelayLoop;
import io.stocklock.application.port.in.RelayOutcomes;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** The outcome events: their topic, their publisher, and the relay that publishes the outbox. */
@Configuration(proxyBeanMethods = false)
public class OutcomeEventsConfiguration {

    @Bean
    NewTopic reservationEventsTopic(KafkaSettings settings) {
        return settings.topic(settings.eventsTopic());
    }

    /**
     * The same producer, without an observation (a span and a timer) per event: the consumer publishes thousands of
     * events a second, and those observations cost a third of the service's CPU. The producer's own metrics count them.
     */
    @Bean
    KafkaOutcomePublisher outcomePublisher(ProducerFactory<String, Object> producerFactory, KafkaSettings settings) {
        return new KafkaOutcomePublisher(new KafkaTemplate<>(producerFactory), settings.eventsTopic(),
                settings.sendTimeout());
    }

    @Bean
    RelayLoop outcomeRelay(RelayOutcomes relayOutcomes, KafkaSettings settings) {
        return RelayLoop.outcomes(relayOutcomes, settings.relayBatchSize(), settings.relayInterval());
    }
}
