-- Secrets every instance shares, made once by the database's strong random source: the key under which reservation
-- ids are derived from a caller's Idempotency-Key (unless stocklock.http.id-secret is configured).
CREATE TABLE service_secret (
    name  text  PRIMARY KEY,
    value bytea NOT NULL CHECK (length(value) >= 32)
);
INSERT INTO service_secret (name, value)
VALUES ('reservation-ids', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- What each owner holds of each SKU (the lines of its RESERVED reservations), kept up to date in the transactions
-- that reserve and end holds, under the SKU's lock: a decision reads its buyers' holdings by key, not by summing
-- their reservations. Starts from what is held now.
CREATE TABLE owner_holding (
    owner text             NOT NULL,
    sku   text COLLATE "C" NOT NULL,
    units bigint           NOT NULL CHECK (units >= 0),
    PRIMARY KEY (owner, sku)
);
INSERT INTO owner_holding (owner, sku, units)
SELECT r.owner, l.sku, sum(l.quantity)
FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id
WHERE r.status = 'RESERVED'
GROUP BY r.owner, l.sku;

-- Finished reservations are deleted by age, oldest first, a batch at a time.
CREATE INDEX reservation_finished_by_decision ON reservation (decided_at)
    WHERE status IN ('CONFIRMED', 'RELEASED', 'EXPIRED', 'REJECTED', 'FAILED');

-- A SKU is one path segment: no '/'. Fails here if an earlier version stored such a SKU: rename it first.
ALTER TABLE inventory ADD CONSTRAINT inventory_sku_format CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._:-]*$');
