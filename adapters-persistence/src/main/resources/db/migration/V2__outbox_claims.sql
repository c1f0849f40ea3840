-- A publisher claims events for a while instead of holding row locks while it talks to the broker;
-- an event whose publisher died becomes claimable again when the claim runs out.
ALTER TABLE outbox ADD COLUMN claimed_until timestamptz;
DROP INDEX outbox_unpublished;
CREATE INDEX outbox_unpublished ON outbox (seq) INCLUDE (claimed_until) WHERE published_at IS NULL;

-- A request that failed on arrival has no lines and holds nothing for no time.
ALTER TABLE reservation DROP CONSTRAINT reservation_hold_seconds_check;
ALTER TABLE reservation ADD CONSTRAINT reservation_hold_seconds_check CHECK (hold_seconds >= 0);
