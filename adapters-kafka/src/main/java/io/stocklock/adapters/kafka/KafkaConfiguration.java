package io.stocklock.adapters.kafka;

import io.stocklock.adapters.kafka.event.DecisionNoticeListener;
import io.stocklock.adapters.kafka.event.KafkaOutcomePublisher;
import io.stocklock.adapters.kafka.event.OutcomeRelay;
import io.stocklock.adapters.kafka.request.InvalidRequestException;
import io.stocklock.adapters.kafka.request.KafkaRequestIntake;
import io.stocklock.adapters.kafka.request.ReservationRequestDeserializer;
import io.stocklock.adapters.kafka.request.ReservationRequestListener;
import io.stocklock.adapters.kafka.request.TransientFailures;
import io.stocklock.application.port.in.FailReservation;
import io.stocklock.application.port.in.FailReservation.FailReservationCommand;
import io.stocklock.application.port.in.NoteDecisions;
import io.stocklock.application.port.in.ProcessReservations;
import io.stocklock.application.port.in.RelayOutcomes;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka side of stocklock: topics, the producer, the batch listener with its error handling, the outcome relay.
 * Connection settings come from {@code spring.kafka.*}; what stocklock needs is forced on top of them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaConfiguration {

    /** Header of a dead letter that says, in one line, why the record could not be processed. */
    public static final String REASON_HEADER = "stocklock-reason";

    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(KafkaConfiguration.class));

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Bean
    NewTopic reservationRequestsTopic(KafkaSettings settings) {
        return topic(settings.requestsTopic(), settings);
    }

    @Bean
    NewTopic reservationEventsTopic(KafkaSettings settings) {
        return topic(settings.eventsTopic(), settings);
    }

    @Bean
    NewTopic reservationDeadLetterTopic(KafkaSettings settings) {
        return topic(settings.deadLetterTopic(), settings);
    }

    private static NewTopic topic(String name, KafkaSettings settings) {
        return TopicBuilder.name(name)
                .partitions(settings.partitions())
                .replicas(settings.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retention().toMillis()))
                .build();
    }

    @Bean
    ProducerFactory<String, Object> stocklockProducerFactory(KafkaProperties kafka, KafkaSettings settings) {
        Map<String, Object> config = kafka.buildProducerProperties();
        // a send counts only when every in-sync replica has it, and a retried send is never written twice
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int timeout = (int) settings.sendTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                timeout - ((Number) config.get(ProducerConfig.LINGER_MS_CONFIG)).intValue());
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new JsonValueSerializer(json));
    }

    @Bean
    KafkaTemplate<String, Object> stocklockKafkaTemplate(ProducerFactory<String, Object> stocklockProducerFactory) {
        var template = new KafkaTemplate<>(stocklockProducerFactory);
        // carries the caller's trace context (traceparent) in record headers when a tracer is configured
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    ConsumerFactory<String, ReservationRequest> reservationRequestConsumerFactory(KafkaProperties kafka,
                                                                                 KafkaSettings settings) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var requests = new ReservationRequestDeserializer(settings.defaultHold());
        var factory = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(requests));
        // the Kafka client's own metrics, consumer lag among them (kafka.consumer.fetch.manager.records.lag.max)
        factory.addListener(new MicrometerConsumerListener<>(Metrics.globalRegistry));
        return factory;
    }

    @Bean
    DeadLetterPublishingRecoverer reservationDeadLetters(KafkaTemplate<String, Object> stocklockKafkaTemplate,
                                                         KafkaSettings settings) {
        var recoverer = new DeadLetterPublishingRecoverer(stocklockKafkaTemplate,
                (record, failure) -> new TopicPartition(settings.deadLetterTopic(), -1));
        recoverer.setHeadersFunction((record, failure) -> new RecordHeaders(new RecordHeader[] {
                new RecordHeader(REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8))}));
        return recoverer;
    }

    /**
     * Unprocessable records go to the dead-letter topic at once, and their request becomes FAILED when its id is
     * known. Anything else thrown by the listener is a transient failure: the batch is retried with backoff, for as
     * long as it takes, never skipped.
     */
    @Bean
    DefaultErrorHandler reservationErrorHandler(DeadLetterPublishingRecoverer reservationDeadLetters,
                                                FailReservation failReservation) {
        // registered at start: it reads 0 until the first dead letter, so an alert on its increase sees that one
        Counter deadLetters = Counter.builder("stocklock.dead.letters")
                .description("records sent to the dead-letter topic").register(Metrics.globalRegistry);
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, failure) -> {
            reservationDeadLetters.accept(record, consumer, failure);
            deadLetters.increment();
            failTheRequest(failure, failReservation);
        };
        var untilTheDatabaseIsBack = new ExponentialBackOff(200, 2.0);
        untilTheDatabaseIsBack.setMaxInterval(5_000);
        var handler = new DefaultErrorHandler(recoverer, untilTheDatabaseIsBack);
        // the listener throws only two kinds of failure: transient ones (retried as above, for as long as it takes)
        // and unprocessable records (not retried: dead-lettered at once)
        handler.setBackOffFunction((record, failure) ->
                TransientFailures.isTransient(failure) ? untilTheDatabaseIsBack : new FixedBackOff(0, 0));
        handler.addNotRetryableExceptions(InvalidRequestException.class);
        return handler;
    }

    @Bean
    ReservationRequestListener reservationRequestListener(ProcessReservations processReservations,
                                                          DeadLetterPublishingRecoverer reservationDeadLetters) {
        return new ReservationRequestListener(processReservations, reservationDeadLetters);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, ReservationRequest> reservationRequestListenerContainer(
            ConsumerFactory<String, ReservationRequest> reservationRequestConsumerFactory,
            DefaultErrorHandler reservationErrorHandler, ReservationRequestListener reservationRequestListener,
            KafkaSettings settings) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, ReservationRequest>();
        factory.setConsumerFactory(reservationRequestConsumerFactory);
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
        container.setBeanName("stocklock-reservation-requests");
        container.setupMessageListener(reservationRequestListener);
        return container;
    }

    /**
     * Every outcome event, for the clients of this instance that wait for a decision another instance took: a consumer
     * group of this instance's own, reading from the end, committing nothing.
     */
    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> decisionNoticeListenerContainer(KafkaProperties kafka,
                                                                                      KafkaSettings settings,
                                                                                      NoteDecisions noteDecisions) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId() + "-answers-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())); // parsed only when a client here waits for it
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        var container = factory.createContainer(settings.eventsTopic());
        container.setBeanName("stocklock-decision-notices");
        container.setupMessageListener(new DecisionNoticeListener(noteDecisions, json));
        return container;
    }

    @Bean
    KafkaRequestIntake requestIntake(KafkaTemplate<String, Object> stocklockKafkaTemplate, KafkaSettings settings,
                                     Clock clock) {
        return new KafkaRequestIntake(stocklockKafkaTemplate, settings.requestsTopic(), clock);
    }

    /**
     * The same producer, without an observation (a span and a timer) per event: the consumer publishes thousands of
     * events a second, and those observations cost a third of the service's CPU. The producer's own metrics count them.
     */
    @Bean
    KafkaOutcomePublisher outcomePublisher(ProducerFactory<String, Object> stocklockProducerFactory,
                                           KafkaSettings settings) {
        return new KafkaOutcomePublisher(new KafkaTemplate<>(stocklockProducerFactory), settings.eventsTopic(),
                settings.sendTimeout());
    }

    @Bean
    OutcomeRelay outcomeRelay(RelayOutcomes relayOutcomes, KafkaSettings settings) {
        return new OutcomeRelay(relayOutcomes, settings.relayBatchSize(), settings.relayInterval());
    }

    private static String reason(Exception failure) {
        Throwable why = invalidRequest(failure)
                .<Throwable>map(invalid -> invalid)
                .orElseGet(() -> NestedExceptionUtils.getMostSpecificCause(failure));
        return String.valueOf(why.getMessage());
    }

    private static void failTheRequest(Exception failure, FailReservation failReservation) {
        invalidRequest(failure).filter(InvalidRequestException::failTheRequest).ifPresent(invalid -> {
            ReservationId id;
            try {
                id = ReservationId.parse(invalid.requestId());
            } catch (IllegalArgumentException notAnId) {
                return; // nothing can be recorded under an id that is not one; the dead letter keeps the reason
            }
            try {
                failReservation.fail(new FailReservationCommand(id, invalid.owner(), invalid.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn(e, () -> "request " + invalid.requestId() + " went to the dead-letter topic but could not "
                        + "be marked FAILED (the database is unreachable); the dead letter keeps the reason");
            }
        });
    }

    /** The unprocessable-record exception somewhere in the cause chain, if there is one. */
    private static Optional<InvalidRequestException> invalidRequest(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidRequestException invalid) {
                return Optional.of(invalid);
            }
        }
        return Optional.empty();
    }
}
