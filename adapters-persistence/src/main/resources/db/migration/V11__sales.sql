-- Sales: a limit on the units one buyer may get (hold plus confirm) of one SKU or of several together (ADR 17).
CREATE TABLE sale (
    id                  text COLLATE "C" PRIMARY KEY
                            CHECK (length(id) BETWEEN 1 AND 64 AND id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]*$'),
    max_units_per_buyer bigint NOT NULL CHECK (max_units_per_buyer >= 1)
);

-- A SKU belongs to one sale at most.
CREATE TABLE sale_sku (
    sku     text COLLATE "C" PRIMARY KEY,
    sale_id text COLLATE "C" NOT NULL REFERENCES sale (id)
);
CREATE INDEX sale_sku_of_sale ON sale_sku (sale_id);

-- What each buyer got of each sale: units held plus units confirmed, changed in the transactions that reserve,
-- release and expire, under the row's lock (taken after the stock's, in (sale, buyer) order). Kept apart from the
-- reservations, so retention does not forget it.
CREATE TABLE sale_buyer (
    sale_id text COLLATE "C" NOT NULL REFERENCES sale (id),
    buyer   text             NOT NULL,
    units   bigint           NOT NULL CHECK (units >= 0),
    PRIMARY KEY (sale_id, buyer)
);

ALTER TABLE reservation DROP CONSTRAINT reservation_rejection_check;
ALTER TABLE reservation ADD CONSTRAINT reservation_rejection_check
    CHECK (rejection IN ('INSUFFICIENT_STOCK', 'UNKNOWN_SKU', 'OVER_LIMIT', 'SALE_LIMIT'));
