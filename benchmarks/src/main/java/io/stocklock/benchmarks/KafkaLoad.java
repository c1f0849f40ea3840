package io.stocklock.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Load on stocklock's Kafka intake, as an external producer would write it, and what the topics hold. */
final class KafkaLoad {

    static final String REQUESTS_TOPIC = "stocklock.reservation-requests";
    static final String EVENTS_TOPIC = "stocklock.reservation-events";

    private KafkaLoad() {
    }

    /** A producer as a careful external system would run it: every in-sync replica acknowledges. */
    static KafkaProducer<String, byte[]> producer(String bootstrapServers, int lingerMillis) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, lingerMillis,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The end offset of each partition of {@code topic}. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream().collect(Collectors.toMap(
                        partition -> new TopicPartition(topic, partition.partition()),
                        partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
    }

    /**
     * Whether every decision has its outcome event on {@code topic} (a copy keeps its event id, so there may be
     * more): nothing, or what is missing.
     */
    static List<String> eventsMissing(Admin admin, String topic, long decided) throws Exception {
        long events = records(admin, topic);
        System.out.printf(Locale.ROOT, "checked: %d requests decided, %d events on the topic%n", decided, events);
        return events < decided ? List.of(decided + " requests decided but only " + events + " events on the topic")
                : List.of();
    }

    /** Records written to {@code topic} so far, over all its partitions. */
    static long records(Admin admin, String topic) throws Exception {
        return endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * An open loop: {@code sent} requests, {@code decided} of them decided within a minute of the last send, after
     * {@code seconds}; latency in microseconds; the CPU of this JVM (producer and reader) per request.
     */
    record OpenLoop(long sent, long decided, double seconds, Histogram latency, double generatorCpuMillis) {
    }

    /**
     * Requests written to the request topic at a steady rate whether or not earlier ones were decided, each timed
     * from when it was due to be sent (not when it was sent: no coordinated omission) until its outcome event, keyed
     * by the request id, is read back from the events topic.
     *
     * @param request the record of the {@code i}th request with the given id
     */
    static OpenLoop offer(String bootstrapServers, double perSecond, Duration duration,
                          BiFunction<Long, String, ProducerRecord<String, byte[]>> request) throws Exception {
        long count = (long) (perSecond * duration.toSeconds());
        Map<String, Long> dueAt = new ConcurrentHashMap<>();
        var latency = new ConcurrentHistogram(3);
        var decided = new AtomicLong();
        var stop = new AtomicBoolean();
        long cpuBefore = ownCpuNanos();
        try (KafkaConsumer<String, byte[]> events = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID()), new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = producer(bootstrapServers, 1)) {
            List<TopicPartition> partitions = events.partitionsFor(EVENTS_TOPIC).stream()
                    .map(info -> new TopicPartition(EVENTS_TOPIC, info.partition())).toList();
            events.assign(partitions);
            events.seekToEnd(partitions);
            partitions.forEach(events::position);
            Thread reader = new Thread(() -> {
                while (decided.get() < count && !stop.get()) {
                    for (ConsumerRecord<String, byte[]> event : events.poll(Duration.ofMillis(20))) {
                        Long due = dueAt.remove(event.key());
                        if (due != null) {
                            latency.recordValue(Math.max(1, (System.nanoTime() - due) / 1_000));
                            decided.incrementAndGet();
                        }
                    }
                }
            }, "benchmark-events");
            reader.start();
            long start = System.nanoTime();
            long interval = (long) (1e9 / perSecond);
            for (long i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String id = UUID.randomUUID().toString();
                dueAt.put(id, due);
                producer.send(request.apply(i, id));
            }
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (decided.get() < count && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            reader.join();
            return new OpenLoop(count, decided.get(), seconds, latency,
                    (ownCpuNanos() - cpuBefore) / 1e6 / Math.max(1, count));
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
