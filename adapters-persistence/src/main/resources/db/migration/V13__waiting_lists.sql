-- Waiting lists (ADR 19): buyers waiting for a sold-out SKU, first come first served. An entry's id is the id of the
-- reservation its offer becomes.
CREATE TABLE waiting_entry (
    id           uuid PRIMARY KEY,
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    sku          text COLLATE "C" NOT NULL,
    owner        text        NOT NULL,
    quantity     bigint      NOT NULL CHECK (quantity > 0),
    hold_seconds bigint      NOT NULL CHECK (hold_seconds > 0),
    joined_at    timestamptz NOT NULL,
    status       text        NOT NULL CHECK (status IN ('WAITING', 'OFFERED')),
    offered_at   timestamptz,
    CHECK ((status = 'OFFERED') = (offered_at IS NOT NULL))
);
-- each SKU's line, in the order buyers joined it
CREATE INDEX waiting_entry_line ON waiting_entry (sku, seq) WHERE status = 'WAITING';
-- one place in a SKU's line per buyer
CREATE UNIQUE INDEX waiting_entry_once ON waiting_entry (sku, owner) WHERE status = 'WAITING';
