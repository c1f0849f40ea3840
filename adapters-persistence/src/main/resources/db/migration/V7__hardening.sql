-- Secrets every instance shares, made once by the database's strong random source: the key under which reservation
-- ids are derived from a caller's Idempotency-Key (unless stocklock.http.id-secret is configured).
CREATE TABLE service_secret (
    name  text  PRIMARY KEY,
    value bytea NOT NULL CHECK (length(value) >= 32)
);
INSERT INTO service_secret (name, value)
VALUES ('reservation-ids', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- What an owner holds of a SKU is read inside every decision when holdings are capped.
CREATE INDEX reservation_reserved_by_owner ON reservation (owner) WHERE status = 'RESERVED';

-- Finished reservations are deleted by age, oldest first, a batch at a time.
CREATE INDEX reservation_finished_by_decision ON reservation (decided_at)
    WHERE status IN ('CONFIRMED', 'RELEASED', 'EXPIRED', 'REJECTED', 'FAILED');

-- A SKU is one path segment: no '/'. Fails here, naming the row, if an earlier version stored one.
ALTER TABLE inventory ADD CONSTRAINT inventory_sku_format CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._:-]*$');
