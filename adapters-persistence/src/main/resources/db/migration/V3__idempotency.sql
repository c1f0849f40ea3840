-- What an Idempotency-Key stood for and what was answered, per caller; a retry with the same key replays it.
CREATE TABLE idempotency_record (
    caller          text        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     text        NOT NULL,
    reservation_id  uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    response_status int,
    response_body   text,
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_record_by_age ON idempotency_record (created_at);
