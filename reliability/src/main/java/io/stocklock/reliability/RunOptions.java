package io.stocklock.reliability;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** What a long run's {@code main} starts with: the Kafka clients' chatter quieted, its {@code name=value} options. */
final class RunOptions {

    private RunOptions() {
    }

    static Map<String, String> parse(String[] args) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        return Arrays.stream(args).flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(arg -> arg.contains("=")).map(arg -> arg.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
