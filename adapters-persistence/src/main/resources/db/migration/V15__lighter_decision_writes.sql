-- What a decision writes, made cheaper where the database checked what the writes guarantee already
-- (docs/adr/0024-lighter-decision-writes.md):
--
-- A reservation's lines and picks are inserted only by the statement that inserts (or decides) the reservation, for
-- the rows that statement wrote, and deleted only with it, by one statement; the foreign keys checked each line and
-- pick against its reservation again, a lookup per row inside the hot SKU's lock (a quarter of the reservation
-- insert's time). StockInvariants.allocationViolations finds a line or pick without its reservation.
ALTER TABLE reservation_line DROP CONSTRAINT reservation_line_reservation_id_fkey;
ALTER TABLE reservation_pick DROP CONSTRAINT reservation_pick_reservation_id_fkey;

-- The outbox's payload is written by stocklock and read back only by stocklock's relay, whole: stored as the text it
-- was given, it is not parsed into jsonb on the way in nor printed again on the way out.
ALTER TABLE outbox ALTER COLUMN payload TYPE text;
