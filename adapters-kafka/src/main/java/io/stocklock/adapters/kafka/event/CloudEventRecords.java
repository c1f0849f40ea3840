package io.stocklock.adapters.kafka.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaOperations;

/**
 * What every event stocklock publishes shares: CloudEvents attributes in headers (binary mode), and a send that
 * returns once the broker has every record or fails as a whole.
 */
final class CloudEventRecords {

    static final String SOURCE = "/stocklock";

    private CloudEventRecords() {
    }

    /** @param type the event's type, {@code io.stocklock.<type>} in {@code ce_type} */
    static ProducerRecord<String, Object> record(String topic, String key, Object message, String id, String type,
                                                 String time) {
        var record = new ProducerRecord<String, Object>(topic, key, message);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_source", SOURCE);
        header(record, "ce_type", "io.stocklock." + type);
        header(record, "ce_subject", key);
        header(record, "ce_time", time);
        header(record, "content-type", "application/json");
        return record;
    }

    /**
     * Sends the records in order and waits for all of them.
     *
     * @param failed what to throw, given what failed ("publishing 3 ..." or "interrupted while ...") and why
     */
    static void sendAll(KafkaOperations<String, Object> kafka, List<ProducerRecord<String, Object>> records,
                        Duration timeout, String what, BiFunction<String, Exception, RuntimeException> failed) {
        CompletableFuture<?>[] sends = records.stream().map(kafka::send).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw failed.apply("publishing " + records.size() + " " + what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed.apply("interrupted while publishing " + what, e);
        }
    }

    private static void header(ProducerRecord<String, Object> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
