package io.stocklock.adapters.kafka;

import io.stocklock.adapters.kafka.request.DeadLetterPolicy;
import io.stocklock.application.port.in.FailReservation;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** Where requests that cannot be processed go, with the reason, recorded FAILED ({@link DeadLetterPolicy}). */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    NewTopic reservationDeadLetterTopic(KafkaSettings settings) {
        return settings.topic(settings.deadLetterTopic());
    }

    @Bean
    DeadLetterPolicy deadLetterPolicy(KafkaTemplate<String, Object> stocklockKafkaTemplate, KafkaSettings settings,
                                      FailReservation failReservation) {
        return new DeadLetterPolicy(stocklockKafkaTemplate, settings.deadLetterTopic(), failReservation,
                Metrics.globalRegistry);
    }
}
