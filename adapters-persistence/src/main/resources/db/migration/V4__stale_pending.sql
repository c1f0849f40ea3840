-- When a PENDING request was last handed to the intake again by the stale-request sweep; it is retried at most once
-- per sweep age, however long the request topic's backlog is.
ALTER TABLE reservation ADD COLUMN resubmitted_at timestamptz;
