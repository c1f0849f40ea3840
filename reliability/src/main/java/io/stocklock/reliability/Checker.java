package io.stocklock.reliability;

import io.stocklock.adapters.persistence.StockInvariants;
import io.stocklock.reliability.History.Answer;
import io.stocklock.testsupport.process.KafkaCluster;
import io.stocklock.testsupport.process.PostgresServer;
import io.stocklock.testsupport.process.Processes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Reads the history, the final database and the topics, and counts what must be zero: oversold stock, requests a
 * client was told were taken that never came to an end or whose outcome was never published, stock moved twice for
 * one request, the same outcome published under two event ids, and dead letters other than the poison sent.
 */
final class Checker {

    static final String EVENTS_TOPIC = "stocklock.reservation-events";
    static final String DEAD_LETTER_TOPIC = "stocklock.reservation-requests-dlt";
    private static final Pattern EVENT = Pattern.compile("\"type\":\"(\\w+)\".*\"requestId\":\"([0-9a-f-]{36})\"");

    /** The server that takes writes now: after a failover, the promoted standby. */
    private final Supplier<PostgresServer> postgres;
    private final KafkaCluster kafka;

    Checker(Supplier<PostgresServer> postgres, KafkaCluster kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Stock violations right now, or {@code null} when the database cannot be asked (it may be down on purpose). */
    List<String> sampleStock() {
        try (Connection connection = postgres.get().connect(PostgresServer.DATABASE)) {
            return invariants(connection).stockViolations();
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Waits until the service has nothing left to do: no request PENDING, no hold left to expire, no outcome
     * unpublished, no request record unconsumed. From then on, nothing changes. Answers how long that took, or
     * nothing if it did not settle in time (what is left is counted {@code stuck}).
     */
    Optional<Duration> awaitQuiet(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            try (Connection connection = postgres.get().connect(PostgresServer.DATABASE)) {
                long pending = count(connection, "SELECT count(*) FROM reservation WHERE status = 'PENDING'");
                long held = count(connection, "SELECT count(*) FROM reservation WHERE status = 'RESERVED'");
                long unpublished = count(connection, "SELECT count(*) FROM outbox");
                long lag = consumerLag();
                state = "pending=%d held=%d unpublished=%d lag=%d".formatted(pending, held, unpublished, lag);
                if (pending == 0 && held == 0 && unpublished == 0 && lag == 0) {
                    return Optional.of(Duration.ofNanos(System.nanoTime() - start));
                }
            } catch (Exception e) {
                state = e.toString();
            }
            Processes.pause(Duration.ofSeconds(1));
        }
        System.out.println("the service did not settle within " + timeout + ": " + state);
        return Optional.empty();
    }

    Verdict check(History history, int poisonSent, Set<String> sampledViolations) {
        Map<UUID, String> statuses = new HashMap<>();
        List<String> stock;
        List<String> applies;
        List<String> outboxCounts;
        long overCap = 0;
        long backordered = 0;
        long split = 0;
        long stuck;
        try (Connection connection = postgres.get().connect(PostgresServer.DATABASE);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, status FROM reservation")) {
            while (rows.next()) {
                statuses.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
            StockInvariants invariants = invariants(connection);
            stock = new ArrayList<>(invariants.stockViolations());
            stock.addAll(invariants.holdingViolations());
            applies = new ArrayList<>(invariants.applyViolations());
            applies.addAll(invariants.allocationViolations());
            outboxCounts = invariants.eventViolations();
            stuck = count(connection, "SELECT count(*) FROM reservation WHERE status = 'PENDING' "
                    + "OR status = 'RESERVED' AND expires_at < now() - interval '30 seconds'")
                    + count(connection, "SELECT count(*) FROM outbox") + consumerLag();
            try (ResultSet capped = statement.executeQuery(
                    "SELECT count(*) FROM reservation WHERE reason LIKE '%allowed at once'")) {
                overCap = capped.next() ? capped.getLong(1) : 0;
            }
            try (ResultSet picks = statement.executeQuery("""
                    SELECT COALESCE(sum(backordered), 0),
                           (SELECT count(*) FROM (SELECT 1 FROM reservation_pick GROUP BY reservation_id, sku
                                                  HAVING count(*) > 1) s)
                    FROM reservation_pick""")) {
                picks.next();
                backordered = picks.getLong(1);
                split = picks.getLong(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the final database or the consumer group", e);
        }

        Map<UUID, Map<String, Set<String>>> events = new HashMap<>(); // request -> type -> event ids
        for (ConsumerRecord<byte[], byte[]> record : readAll(EVENTS_TOPIC)) {
            Matcher matcher = EVENT.matcher(new String(record.value(), StandardCharsets.UTF_8));
            if (!matcher.find()) {
                throw new IllegalStateException("unreadable outcome event at offset " + record.offset());
            }
            String eventId = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            events.computeIfAbsent(UUID.fromString(matcher.group(2)), id -> new HashMap<>())
                    .computeIfAbsent(matcher.group(1), type -> new HashSet<>()).add(eventId);
        }
        // one reason per record dead-lettered: a record is dead-lettered at least once, and again when the
        // instance that did it stopped before committing past it (the original partition and offset tell)
        Map<String, String> deadLettered = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : readAll(DEAD_LETTER_TOPIC)) {
            var reason = letter.headers().lastHeader("stocklock-reason");
            deadLettered.putIfAbsent(Arrays.toString(letter.headers().lastHeader("kafka_dlt-original-partition")
                            .value()) + "@" + Arrays.toString(letter.headers().lastHeader("kafka_dlt-original-offset")
                            .value()),
                    reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
        }
        List<String> deadLetters = List.copyOf(deadLettered.values());

        Set<String> oversold = new TreeSet<>(sampledViolations);
        oversold.addAll(stock);
        long lost = 0;
        long phantom = 0;
        for (Map.Entry<UUID, Answer> answer : history.answers().entrySet()) {
            String status = statuses.get(answer.getKey());
            if (answer.getValue() == Answer.OK && (status == null || !status.equals(published(events, answer.getKey()))
                    || status.equals("PENDING"))) {
                lost++;
            }
            if (answer.getValue() == Answer.FAIL && status != null && !status.equals("FAILED")) {
                phantom++;
            }
        }
        long unpublished = statuses.entrySet().stream()
                .filter(row -> !row.getValue().equals(published(events, row.getKey())))
                .count();
        long duplicates = events.values().stream().flatMap(types -> types.values().stream())
                .filter(ids -> ids.size() > 1).count();
        Map<Answer, Long> answers = history.answers().values().stream()
                .collect(Collectors.groupingBy(answer -> answer, Collectors.counting()));
        return new Verdict(history.invoked(), history.answers().size(), answers.getOrDefault(Answer.OK, 0L),
                answers.getOrDefault(Answer.FAIL, 0L), answers.getOrDefault(Answer.INFO, 0L),
                statuses.size(), oversold, lost, phantom, unpublished, applies.size() + outboxCounts.size(),
                duplicates, stuck, deadLetters, poisonSent, overCap, backordered, split);
    }

    /** The status the published events of a request add up to, as the service's rows spell it. */
    private static String published(Map<UUID, Map<String, Set<String>>> events, UUID id) {
        Set<String> types = events.getOrDefault(id, Map.of()).keySet();
        for (String end : List.of("Confirmed", "Released", "Expired")) {
            if (types.contains("Reservation" + end) && types.contains("ReservationReserved") && types.size() == 2) {
                return end.toUpperCase();
            }
        }
        if (types.size() == 1) {
            return types.iterator().next().substring("Reservation".length()).toUpperCase();
        }
        return types.isEmpty() ? "PENDING" : "INCONSISTENT " + types;
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private long consumerLag() throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("stocklock")
                    .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(List.of(Clients.REQUESTS_TOPIC)).allTopicNames()
                    .get(20, TimeUnit.SECONDS).get(Clients.REQUESTS_TOPIC).partitions().stream()
                    .map(info -> new TopicPartition(Clients.REQUESTS_TOPIC, info.partition()))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            var ends = admin.listOffsets(partitions).all().get(20, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static StockInvariants invariants(Connection connection) {
        return new StockInvariants(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
    }

    /**
     * What a run came to; {@link #passed()} when every figure that must be zero is. {@code backordered} is how many
     * units were promised beyond what a location had, {@code split} how many lines were served by several locations.
     */
    record Verdict(long invocations, long requests, long ok, long fail, long info, long rows, Set<String> oversold,
                   long lost, long phantom, long unpublished, long doubleApplied, long duplicateEvents, long stuck,
                   List<String> deadLetters, int poisonSent, long overCap, long backordered, long split) {

        boolean passed() {
            return oversold.isEmpty() && lost == 0 && phantom == 0 && unpublished == 0 && doubleApplied == 0
                    && duplicateEvents == 0 && stuck == 0 && deadLetters.size() == poisonSent;
        }
    }
}
