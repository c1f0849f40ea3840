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

            **Where a batch's time goes.** Most of it is writing what stocklock keeps per request (the
            reservation row and its lines, the status update, a ledger row per line, an outbox row), not the
            locking: one `SELECT ... FOR UPDATE` for the stock rows is a few per cent. The commit, with its WAL
            flush, is paid once per batch.

            **Kafka intake.** The service's consumer decides at best what the use case decides directly, less
            the cost of reading and parsing the records and of the outbox relay that publishes every outcome
            from the same process. A JFR profile of the service during the Kafka intake (2026-11-25, 150,000
            queued requests) found the machine's two cores saturated: the service 1.07 cores, the broker
            0.4, PostgreSQL 0.27, the load generator 0.27. Inside the service the outbox relay took as many
            samples as the consumer deciding (39% against 43%; the producer's network thread 17%): a
            traced, JSON-serialized send per outcome event. So on this machine the Kafka intake gets about
            half of what the use case does alone. 30,000 decisions/s on one hot SKU is beyond the use case
            itself here (the (b) row above): it would take several times fewer database writes per request
            (COPY or `unnest` inserts of a batch, a leaner outbox), a cheaper relay (no span per event, events
            in batches), and pipelining the next batch while the current one commits; none of these is done
            yet.

            **HTTP intake.** Each `POST /reservations` is answered after the request is durable in PostgreSQL
            (its row, and its Idempotency-Key record, in short transactions) and acknowledged by Kafka
            (`acks=all`), on a Tomcat thread. A JFR profile of the service under load (2026-11-25, 64
            callers) found the service JVM using about 1.3 of the 2 cores at 230-390 requests/s, that is 3-6 ms
            of CPU per request: the security filter chain around 40% of the samples (bearer token parsing and
            HMAC check 9%, Spring Security's header firewall 15%, its per-filter observations), Spring MVC,
            Jackson and Tomcat most of the rest, the Kafka client about 10%, JDBC 3-9%. Two fixes came of it:
            the firewall's header checks without regular expressions (15% of the samples down to 4%) and
            Spring Security's observations turned off (the HTTP request itself is still observed). Neither
            moved the throughput beyond the run-to-run spread: the per-request cost of the web stack on a
            loaded 2-core machine is the limit, roughly ten times what 5,000 requests/s would allow. Next
            steps, not done: gathering concurrent submissions for a few milliseconds into one transaction
            and one Kafka batch, and skipping the Idempotency-Key round trips for requests without a key.
            """;

    private Notes() {
    }
}
