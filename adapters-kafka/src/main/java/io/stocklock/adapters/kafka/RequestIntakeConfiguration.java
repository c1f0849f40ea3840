package io.stocklock.adapters.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.stocklock.adapters.kafka.request.DeadLetterPolicy;
import io.stocklock.adapters.kafka.request.IntakeFailures;
import io.stocklock.adapters.kafka.request.InvalidRequestException;
import io.stocklock.adapters.kafka.request.KafkaRequestIntake;
import io.stocklock.adapters.kafka.request.ReservationRequestDeserializer;
import io.stocklock.adapters.kafka.request.ReservationRequestListener;
import io.stocklock.application.failure.FailureClassifier;
import io.stocklock.application.port.in.ForgetFinishedReservations.Retention;
import io.stocklock.application.port.in.ProcessReservations;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The request intake: the request topic, the producer side that hands requests over ({@link KafkaRequestIntake}),
 * and the batch listener that decides them, with its error handling.
 */
@Configuration(proxyBeanMethods = false)
public class RequestIntakeConfiguration {

    @Bean
    NewTopic reservationRequestsTopic(KafkaSettings settings) {
        return settings.topic(settings.requestsTopic());
    }

    @Bean
    KafkaRequestIntake requestIntake(KafkaTemplate<String, Object> stocklockKafkaTemplate, KafkaSettings settings,
                                     Clock clock) {
        return new KafkaRequestIntake(stocklockKafkaTemplate, settings.requestsTopic(), clock);
    }

    /** What the intake retries: the store's transient failures, and the consumer's own passing ones. */
    @Bean
    IntakeFailures intakeFailures(FailureClassifier store) {
        return new IntakeFailures(store);
    }

    /**
     * Unprocessable records go to the dead-letter topic at once ({@link DeadLetterPolicy}). Anything else thrown by
     * the listener is a transient failure: the batch is retried with backoff, for as long as it takes, never skipped.
     */
    @Bean
    DefaultErrorHandler reservationErrorHandler(DeadLetterPolicy deadLetterPolicy, IntakeFailures failures) {
        var untilTheDatabaseIsBack = new ExponentialBackOff(200, 2.0);
        untilTheDatabaseIsBack.setMaxInterval(5_000);
        var handler = new DefaultErrorHandler(deadLetterPolicy, untilTheDatabaseIsBack);
        // the listener throws only two kinds of failure: transient ones (retried as above, for as long as it takes)
        // and unprocessable records (not retried: dead-lettered at once)
        handler.setBackOffFunction((record, failure) ->
                failures.isTransient(failure) ? untilTheDatabaseIsBack : new FixedBackOff(0, 0));
        handler.addNotRetryableExceptions(InvalidRequestException.class);
        return handler;
    }

    @Bean
    ReservationRequestListener reservationRequestListener(ProcessReservations processReservations,
                                                          DeadLetterPolicy deadLetterPolicy, IntakeFailures failures,
                                                          ObjectProvider<Retention> retention, Clock clock) {
        return new ReservationRequestListener(processReservations, deadLetterPolicy, failures,
                Optional.ofNullable(retention.getIfAvailable()), clock);
    }

    /**
     * The batch listener, on Spring Boot's consumer factory: what a request consumer needs is set on the container,
     * over {@code spring.kafka.consumer.*}.
     */
    @Bean
    ConcurrentMessageListenerContainer<Object, Object> reservationRequestListenerContainer(
            ConsumerFactory<Object, Object> consumerFactory, DefaultErrorHandler reservationErrorHandler,
            ReservationRequestListener reservationRequestListener, KafkaSettings settings) {
        var factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(settings.concurrency());
        factory.setCommonErrorHandler(reservationErrorHandler);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        // the next poll does not wait for the broker to confirm the offsets: a commit that is lost only means that
        // the records are delivered again, found decided, and their events published again
        factory.getContainerProperties().setSyncCommits(false);
        factory.getContainerProperties().setObservationEnabled(true);
        var container = factory.createContainer(settings.requestsTopic());
        container.getContainerProperties().setGroupId(settings.groupId());
        container.getContainerProperties().setKafkaConsumerProperties(consumerSettings(Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a rebalance moves only the partitions that change hands; the others are decided throughout (the
                // client's default, range first, stops every member of the group at every join or leave)
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, consumerFactory.getConfigurationProperties()
                        .getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                // an unreadable record reaches the listener without a value, and the listener dead-letters it
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
                ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, ReservationRequestDeserializer.class,
                ReservationRequestDeserializer.DEFAULT_HOLD_CONFIG, settings.defaultHold())));
        Counter revoked = Counter.builder("stocklock.request.partitions.revoked")
                .description("request topic partitions this instance gave up in rebalances")
                .register(Metrics.globalRegistry);
        container.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                revoked.increment(partitions.size());
            }
        });
        container.setBeanName("stocklock-reservation-requests");
        container.setupMessageListener(reservationRequestListener);
        return container;
    }

    /** Consumer settings of one container, over the consumer factory's: the Kafka client reads them as text. */
    private static Properties consumerSettings(Map<String, Object> settings) {
        var properties = new Properties();
        settings.forEach((key, value) ->
                properties.setProperty(key, value instanceof Class<?> type ? type.getName() : value.toString()));
        return properties;
    }
}
