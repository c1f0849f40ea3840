-- The per-request reference service's tables: stock with the same never-oversold CHECK as stocklock's, and one row
-- per request with its decision.
CREATE SCHEMA IF NOT EXISTS reference;
CREATE TABLE IF NOT EXISTS reference.inventory (
    sku      text PRIMARY KEY,
    on_hand  bigint NOT NULL,
    reserved bigint NOT NULL DEFAULT 0,
    CHECK (reserved >= 0 AND reserved <= on_hand)
);
CREATE TABLE IF NOT EXISTS reference.reservation_request (
    id         uuid PRIMARY KEY,
    owner      text        NOT NULL,
    lines      text        NOT NULL,
    status     text        NOT NULL,
    created_at timestamptz NOT NULL
);
