package io.stocklock.reliability;

import java.time.Duration;
import java.util.Arrays;

/** The faults the nemesis injects; each is healed before the next, and the time to recover is measured. */
enum Fault {

    /** SIGKILL of a stocklock instance in the middle of its batches; restarted 3 s later. */
    KILL_INSTANCE("kill-instance"),
    /** SIGSTOP of an instance for longer than max.poll.interval.ms, then SIGCONT: a zombie consumer comes back. */
    PAUSE_INSTANCE("pause-instance"),
    /** SIGKILL of the broker leading partition 0 of the request topic; restarted 10 s later. */
    KILL_BROKER("kill-broker"),
    /** Two of three brokers killed for longer than the send timeout: no write can reach two replicas. */
    KAFKA_DOWN("kafka-down"),
    /** PostgreSQL stopped immediately (SIGQUIT to the postmaster, no checkpoint) and restarted 5 s later. */
    POSTGRES_STOP("postgres-stop"),
    /** pg_terminate_backend of every connection of the service. */
    POSTGRES_TERMINATE("postgres-terminate"),
    /** One request record of each poison kind written to the request topic. */
    POISON("poison"),
    /** A third instance joins the group under load and leaves it again (SIGTERM) 15 s later. */
    REBALANCE("rebalance"),
    /**
     * Nothing passes between one instance and PostgreSQL (its connections go silent, none is reset) for
     * {@code partition-seconds}, then the network heals; the other instance and the clients go on throughout.
     */
    PARTITION_POSTGRES("partition-postgres"),
    /** Nothing passes between one instance and every broker for {@code partition-seconds}, then it heals. */
    PARTITION_KAFKA("partition-kafka"),
    /**
     * The PostgreSQL primary and every backend of it killed (SIGKILL), its synchronous standby promoted
     * {@link #DETECTION} later, as a failover manager would; the instances find the new primary by their multi-host
     * URL. A run with this fault has a standby from its start, and one failover at most.
     */
    FAILOVER("failover");

    /** How long a paused instance stays paused. */
    static final Duration PAUSE = FaultSuite.MAX_POLL_INTERVAL.plusSeconds(5);
    /** How long a lost primary goes unnoticed before its standby is promoted. */
    static final Duration DETECTION = Duration.ofSeconds(5);
    /** How long Kafka stays unavailable. */
    static final Duration KAFKA_OUTAGE = FaultSuite.SEND_TIMEOUT.plusSeconds(10);

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Fault of(String label) {
        return Arrays.stream(values()).filter(fault -> fault.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fault " + label + "; there are "
                        + Arrays.stream(values()).map(Fault::label).toList()));
    }
}
