-- The stock ledger, partitioned by time (docs/adr/0020-ledger-partitioned-by-time.md), so that an operator can detach
-- and archive old months instead of keeping every movement in one table for good.
--
-- The partition key is filed_at: for a reservation's movements, the time its reservation was created (the same for
-- every movement of a reservation, read from its row as the movement is written); for the others, the movement's own
-- time. A unique index of a partitioned table must include the partition key, and because filed_at is a function of
-- the reservation, (reservation_id, sku, location_id, kind, filed_at) refuses a double apply exactly as the index it
-- replaces did, across every partition: all the movements of one reservation are in one partition.
ALTER TABLE stock_movement RENAME TO stock_movement_before_partitions;
ALTER TABLE stock_movement_before_partitions RENAME CONSTRAINT stock_movement_pkey TO stock_movement_before_partitions_pkey;
ALTER INDEX stock_movement_once_per_reservation RENAME TO stock_movement_before_partitions_once;

CREATE SEQUENCE stock_movement_seq AS bigint;
SELECT setval('stock_movement_seq', COALESCE((SELECT max(seq) FROM stock_movement_before_partitions), 0) + 1, false);

CREATE TABLE stock_movement (
    seq            bigint      NOT NULL DEFAULT nextval('stock_movement_seq'),
    sku            text COLLATE "C" NOT NULL,
    location_id    text COLLATE "C" NOT NULL,
    kind           text        NOT NULL CHECK (kind IN
                       ('CREATED', 'ADJUSTED', 'SET', 'RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED', 'CARRIED')),
    on_hand_delta  bigint      NOT NULL,
    reserved_delta bigint      NOT NULL,
    reservation_id uuid,
    note           text        NOT NULL DEFAULT '',
    at             timestamptz NOT NULL,
    filed_at       timestamptz NOT NULL,
    PRIMARY KEY (sku, seq, filed_at)
) PARTITION BY RANGE (filed_at);
ALTER SEQUENCE stock_movement_seq OWNED BY stock_movement.seq;
CREATE UNIQUE INDEX stock_movement_once_per_reservation
    ON stock_movement (reservation_id, sku, location_id, kind, filed_at) WHERE reservation_id IS NOT NULL;
CREATE TRIGGER stock_movement_append_only BEFORE UPDATE OR DELETE ON stock_movement
    FOR EACH ROW EXECUTE FUNCTION stock_movement_is_append_only();

-- Everything before this migration in one partition; movements filed where no partition was added yet (the service
-- adds them ahead of time: stock_movement_partitions_ahead) go to the default one, so that writing never fails.
DO $$
BEGIN
    EXECUTE format('CREATE TABLE stock_movement_initial PARTITION OF stock_movement FOR VALUES FROM (MINVALUE) TO (%L)',
                   now());
END $$;
CREATE TABLE stock_movement_default PARTITION OF stock_movement DEFAULT;
INSERT INTO stock_movement (seq, sku, location_id, kind, on_hand_delta, reserved_delta, reservation_id, note, at,
                            filed_at)
SELECT m.seq, m.sku, m.location_id, m.kind, m.on_hand_delta, m.reserved_delta, m.reservation_id, m.note, m.at,
       LEAST(COALESCE(r.created_at, m.at), now() - interval '1 microsecond')
FROM stock_movement_before_partitions m LEFT JOIN reservation r ON r.id = m.reservation_id;
DROP TABLE stock_movement_before_partitions;

-- Where a partition of the ledger ends (null for the default partition).
CREATE FUNCTION stock_movement_partition_end(ledger_partition regclass) RETURNS timestamptz
    LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT (regexp_match(pg_get_expr(relpartbound, oid), 'TO \(''([^'']*)''\)'))[1]::timestamptz
    FROM pg_class WHERE oid = ledger_partition
$$;

-- Adds partitions of the ledger, each `period` long (aligned on multiples of it since the epoch, but the first), until
-- `ahead` from now. They start where the last one ends, or, if that time has passed, now: the time between went to the
-- default partition, and stays there. Returns how many it added. Runs as the owner of the schema, so that the
-- service's runtime role may add partitions without owning anything.
CREATE FUNCTION stock_movement_partitions_ahead(period interval, ahead interval) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    step double precision := extract(epoch FROM period);
    last_bound timestamptz;
    next_bound timestamptz;
    added integer := 0;
BEGIN
    IF step < 60 THEN
        RAISE EXCEPTION 'a partition of the ledger spans at least a minute, not %', period;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('stock_movement_partitions_ahead'));
    SELECT max(stock_movement_partition_end(inhrelid)) INTO last_bound
    FROM pg_inherits WHERE inhparent = 'stock_movement'::regclass;
    IF last_bound < now() THEN
        last_bound := greatest(now(), (SELECT max(filed_at) + interval '1 second' FROM stock_movement_default));
    END IF;
    WHILE last_bound < now() + ahead LOOP
        next_bound := to_timestamp((floor(extract(epoch FROM last_bound) / step) + 1) * step);
        EXECUTE format('CREATE TABLE %I PARTITION OF stock_movement FOR VALUES FROM (%L) TO (%L)',
                       'stock_movement_' || to_char(last_bound AT TIME ZONE 'UTC', 'YYYYMMDD_HH24MISS'),
                       last_bound, next_bound);
        last_bound := next_bound;
        added := added + 1;
    END LOOP;
    RETURN added;
END $$;
REVOKE ALL ON FUNCTION stock_movement_partitions_ahead(interval, interval) FROM PUBLIC;

-- For the operator (docs/operations.md, "The ledger's partitions"): detaches a partition of the ledger whose
-- reservations retention has all deleted, after writing one CARRIED movement per SKU and location that carries its
-- sums over, so that the ledger still adds up to the stock. Returns how many it wrote. The detached table is then the
-- operator's, to archive (pg_dump -t) and drop.
CREATE FUNCTION stock_movement_detach(old_partition regclass) RETURNS bigint
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    still_kept bigint;
    carried bigint;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid = old_partition AND inhparent = 'stock_movement'::regclass)
       OR old_partition = 'stock_movement_default'::regclass THEN
        RAISE EXCEPTION '% is not a partition of stock_movement that can be detached', old_partition;
    END IF;
    IF stock_movement_partition_end(old_partition) > now() THEN
        RAISE EXCEPTION '% is still being filled: detach it once its time has passed', old_partition;
    END IF;
    EXECUTE format('SELECT count(DISTINCT m.reservation_id) FROM %s m JOIN reservation r ON r.id = m.reservation_id',
                   old_partition) INTO still_kept;
    IF still_kept > 0 THEN
        RAISE EXCEPTION '% holds movements of % reservations that are still kept: detach it once retention has '
            'deleted them', old_partition, still_kept;
    END IF;
    EXECUTE format('INSERT INTO stock_movement (sku, location_id, kind, on_hand_delta, reserved_delta, note, at, '
                   'filed_at) SELECT sku, location_id, ''CARRIED'', sum(on_hand_delta), sum(reserved_delta), %L, '
                   'now(), now() FROM %s GROUP BY sku, location_id', 'carried over from ' || old_partition,
                   old_partition);
    GET DIAGNOSTICS carried = ROW_COUNT;
    EXECUTE format('ALTER TABLE stock_movement DETACH PARTITION %s', old_partition);
    RETURN carried;
END $$;
REVOKE ALL ON FUNCTION stock_movement_detach(regclass) FROM PUBLIC;
