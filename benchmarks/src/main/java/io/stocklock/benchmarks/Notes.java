package io.stocklock.benchmarks;

/** The part of docs/benchmarks.md that explains the figures; the figures themselves come from the run above it. */
final class Notes {

    static final String TEXT = """

            ## Reading the results

            **Why batching wins on a hot SKU.** Every per-request strategy, pessimistic (a), conditional (c)
            or optimistic (d), serializes on the hot row: a request holds (or, for (d), races for) the row
            until its commit has flushed the WAL, so the row admits about one request per WAL flush, however
            many clients wait. (b) takes the row lock once per batch and flushes once per batch: the WAL
            flushes per decision column shows it. Turning `synchronous_commit` off lifts the per-request
            strategies less than one might expect: with one hot row, the lock held across round trips is the
            limit, not the disk.

            **Spread workloads.** With 10,000 SKUs the per-request strategies no longer wait for each other,
            and 32 clients run in parallel. (b) is measured here with one consumer, as for a hot SKU; a
            deployment runs one consumer per partition (6 partitions by default, `stocklock.kafka.concurrency`
            threads per instance), so its spread-workload figures here are a floor. Multi-line requests lock
            their SKUs in ascending order in one statement, so they never deadlock.

            **Latency.** (b) trades latency for throughput: a request waits for the batch it is in. Under the
            open loop the consumer decides whatever has arrived, so at low load batches are small and quick;
            as the load rises, batches grow and each takes longer, and close to the maximum requests queue
            behind the batch being decided.

            **Where a batch's time goes.** Most of it is writing what stocklock keeps per request: the
            reservation row and its lines (a request seen first by the consumer is inserted once, already
            decided), and a ledger row per line, keyed by SKU. The locking is a few per cent: one `SELECT ...
            FOR UPDATE` for the stock rows, one for the reservation rows that exist already (those that came
            through the HTTP intake). Outcome events are not written to the database at all: the consumer
            publishes them after the commit (ADR 9). The commit, with its WAL flush, is paid once per batch.

            **Kafka intake.** The consumer's loop adds to (b)'s transaction the fetch and parsing of the
            records, the publication of the batch's outcome events with the broker's acknowledgement (they
            must be durable before the offsets are committed), and the offset commit. Timed inside the
            service on 2026-12-01 (300,000 queued requests, batches of about 470): deciding 38.5 ms per batch,
            publishing its events 13.5 ms, the rest of the loop 4.0 ms (10.7 ms while offsets were committed
            synchronously). The machine was about 75% busy: the service 0.5 cores, PostgreSQL 0.47, the broker
            0.35, the load generator 0.17, so the loop's round trips, not the CPU, set the pace. Before ADR 9,
            a JFR profile found the outbox relay taking as many of the service's samples as the consumer
            deciding, and, after the relay was gone, the per-event observation (a span and a timer per
            send) taking a third of the service's CPU; both are gone.

            **HTTP intake.** Buyers over HTTP are measured side by side with the per-request endpoint and
            the no-op ceiling, in an open loop, on [their own page](benchmarks-http.md); the closed-loop rows
            above are kept for comparison with earlier runs.
            """;

    private Notes() {
    }
}
