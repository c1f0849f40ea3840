package io.stocklock.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.reliability.Checker.Verdict;
import io.stocklock.reliability.FaultSuite.FaultRecord;
import io.stocklock.reliability.FaultSuite.Result;
import org.junit.jupiter.api.Test;

/**
 * The short run of the fault suite: separate PostgreSQL, Kafka and stocklock processes, an instance and the leading
 * broker killed under load, each instance cut off from PostgreSQL and from the brokers for a few seconds, the
 * PostgreSQL primary killed and its synchronous standby promoted, and every figure that must be zero checked. The long run is scripts/reliability.sh.
 */
class FaultSuiteTest {

    @Test
    void killsPartitionsAndAFailoverLoseNothingAndApplyNothingTwice() {
        // a low cap per owner, so that the cap decides part of this short run whatever the speed of the machine; four
        // HTTP callers instead of eight, so that a killed instance starts again in the time the build allows; holds of
        // at most 15 s, so that the service settles (every hold lapsed) in the time the build allows; partitions of
        // 10 s, shorter than the timeouts (the long run's last longer than every one)
        Result result = new FaultSuite(FaultSuite.Options.parse("requests=3000",
                "faults=kill-instance,kill-broker,partition-postgres,partition-kafka,failover", "partition-seconds=10",
                "owner-cap=20", "http-clients=4", "longest-hold=15")).run();
        Verdict verdict = result.verdict();

        assertThat(result.faults()).extracting(FaultRecord::fault)
                .containsExactly(Fault.KILL_INSTANCE, Fault.KILL_BROKER, Fault.PARTITION_POSTGRES,
                        Fault.PARTITION_KAFKA, Fault.FAILOVER);
        assertThat(verdict.requests()).as("client requests").isGreaterThanOrEqualTo(3000);
        assertThat(verdict.ok()).as("requests the service took").isPositive();
        assertThat(verdict.overCap()).as("requests rejected over the cap per owner: the limits are on").isPositive();
        assertThat(verdict.backordered()).as("units backordered once a location of the backorder SKU ran out")
                .isPositive();
        assertThat(verdict.oversold()).as("stock invariants broken, during the run or after").isEmpty();
        assertThat(verdict.lost()).as("taken requests without an end or without their events").isZero();
        assertThat(verdict.phantom()).as("requests answered 503 that held stock").isZero();
        assertThat(verdict.unpublished()).as("decisions whose events are missing").isZero();
        assertThat(verdict.doubleApplied()).as("requests whose stock moved other than once per step").isZero();
        assertThat(verdict.duplicateEvents()).as("outcomes published under two event ids").isZero();
        assertThat(verdict.stuck()).as("requests, holds, events or records the service did not get to").isZero();
        assertThat(verdict.deadLetters()).as("records dead-lettered, one per poison record sent")
                .hasSize(verdict.poisonSent());
        assertThat(verdict.passed()).as(result.line()).isTrue();
    }
}
