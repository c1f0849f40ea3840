-- Stock per SKU. The CHECK makes the database itself refuse an oversell, whatever the code does.
-- SKUs sort by byte order (COLLATE "C"), the order every lock statement takes them in.
CREATE TABLE inventory (
    sku        text COLLATE "C" PRIMARY KEY CHECK (length(sku) BETWEEN 1 AND 64),
    on_hand    bigint      NOT NULL,
    reserved   bigint      NOT NULL DEFAULT 0,
    available  bigint GENERATED ALWAYS AS (on_hand - reserved) STORED,
    version    bigint      NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inventory_never_oversold CHECK (reserved >= 0 AND reserved <= on_hand)
);

-- One row per request id: the primary key is what makes processing idempotent.
CREATE TABLE reservation (
    id           uuid PRIMARY KEY,
    owner        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN
                     ('PENDING', 'RESERVED', 'REJECTED', 'FAILED', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
    hold_seconds bigint      NOT NULL CHECK (hold_seconds > 0),
    created_at   timestamptz NOT NULL,
    decided_at   timestamptz,
    expires_at   timestamptz,
    reason       text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reservation_decided_when_not_pending CHECK ((status = 'PENDING') = (decided_at IS NULL))
);
CREATE INDEX reservation_holds_by_expiry ON reservation (expires_at) WHERE status = 'RESERVED';
CREATE INDEX reservation_pending_by_age ON reservation (created_at) WHERE status = 'PENDING';

-- Lines are summed per SKU before they are stored: one row per reservation and SKU.
CREATE TABLE reservation_line (
    reservation_id uuid   NOT NULL REFERENCES reservation (id),
    sku            text COLLATE "C" NOT NULL,
    quantity       bigint NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, sku)
);

-- Append-only ledger: summing a SKU's rows gives its on_hand and reserved.
CREATE TABLE stock_movement (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku            text COLLATE "C" NOT NULL,
    kind           text        NOT NULL CHECK (kind IN
                       ('CREATED', 'ADJUSTED', 'SET', 'RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
    on_hand_delta  bigint      NOT NULL,
    reserved_delta bigint      NOT NULL,
    reservation_id uuid,
    note           text        NOT NULL DEFAULT '',
    at             timestamptz NOT NULL
);
CREATE INDEX stock_movement_by_sku ON stock_movement (sku, seq);
-- A reservation moves each of its SKUs at most once per kind: the database refuses a double apply.
CREATE UNIQUE INDEX stock_movement_once_per_reservation ON stock_movement (reservation_id, sku, kind)
    WHERE reservation_id IS NOT NULL;

CREATE FUNCTION stock_movement_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stock_movement is append-only';
END $$;
CREATE TRIGGER stock_movement_append_only BEFORE UPDATE OR DELETE ON stock_movement
    FOR EACH ROW EXECUTE FUNCTION stock_movement_is_append_only();

-- Outcome events, written in the transaction of the decision they report and published afterwards.
CREATE TABLE outbox (
    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    event_type     text        NOT NULL,
    reservation_id uuid        NOT NULL,
    reason         text,
    occurred_at    timestamptz NOT NULL,
    published_at   timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
