package io.stocklock.testsupport;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One real Kafka broker (KRaft, in this JVM) per test JVM, started on first use. */
public final class TestKafka {

    private static volatile EmbeddedKafkaBroker broker;

    private TestKafka() {
    }

    /** The {@code bootstrap.servers} of the shared broker. */
    public static String bootstrapServers() {
        if (broker == null) {
            synchronized (TestKafka.class) {
                if (broker == null) {
                    EmbeddedKafkaBroker started = new EmbeddedKafkaKraftBroker(1, 3)
                            .brokerProperty("auto.create.topics.enable", "false");
                    started.afterPropertiesSet();
                    Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
                    broker = started;
                }
            }
        }
        return broker.getBrokersAsString();
    }
}
