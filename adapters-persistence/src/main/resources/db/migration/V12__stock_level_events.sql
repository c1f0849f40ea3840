-- At how many available units a SKU counts as running low (ADR 18); no row: never.
CREATE TABLE sku_low_stock (
    sku       text COLLATE "C" PRIMARY KEY,
    threshold bigint NOT NULL CHECK (threshold >= 0)
);

-- Stock-level events not published yet, written in the transaction that changed the stock. One relay at a time
-- (a transaction-level advisory lock) publishes them in seq order and deletes them: each SKU's events stay in the
-- order of its changes, which its row lock serialises.
CREATE TABLE stock_level_event (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    sku         text COLLATE "C" NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('LOW_STOCK', 'SOLD_OUT', 'BACK_IN_STOCK')),
    available   bigint      NOT NULL,
    on_hand     bigint      NOT NULL,
    occurred_at timestamptz NOT NULL
);
