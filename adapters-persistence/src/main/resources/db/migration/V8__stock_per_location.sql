-- Stock per location (ADR 12). A location has a priority: lower is served first when requests are served by priority.
CREATE TABLE location (
    id       text COLLATE "C" PRIMARY KEY
                 CHECK (length(id) BETWEEN 1 AND 64 AND id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]*$'),
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    priority int  NOT NULL CHECK (priority >= 0)
);
-- Every SKU so far was kept at one place: it is now kept at the location 'default', which a client naming no
-- location keeps using.
INSERT INTO location (id, name, priority) VALUES ('default', 'Default', 0);

-- A row per (SKU, location). A location may promise up to backorder_limit units beyond what it has, and the
-- database still refuses anything beyond that, whatever the code does.
ALTER TABLE inventory ADD COLUMN location_id text COLLATE "C" NOT NULL DEFAULT 'default' REFERENCES location (id);
ALTER TABLE inventory ALTER COLUMN location_id DROP DEFAULT;
ALTER TABLE inventory ADD COLUMN backorder_limit bigint NOT NULL DEFAULT 0 CHECK (backorder_limit >= 0);
ALTER TABLE inventory DROP CONSTRAINT inventory_pkey;
ALTER TABLE inventory ADD PRIMARY KEY (sku, location_id);
ALTER TABLE inventory DROP CONSTRAINT inventory_never_oversold;
ALTER TABLE inventory ADD CONSTRAINT inventory_never_oversold
    CHECK (reserved >= 0 AND reserved <= on_hand + backorder_limit);

-- What a SKU does with a line it cannot serve in full from stock; a SKU without a row follows the deployment's
-- default (stocklock.reservations.short-stock).
CREATE TABLE sku_policy (
    sku         text COLLATE "C" PRIMARY KEY,
    short_stock text NOT NULL CHECK (short_stock IN ('REJECT', 'BACKORDER', 'PARTIAL'))
);

-- Where a request asks to be served (all three NULL: the deployment's default placement), and the fewest units a
-- line accepts under a partial policy (NULL: all of them).
ALTER TABLE reservation ADD COLUMN placement_location text COLLATE "C";
ALTER TABLE reservation ADD COLUMN placement_order text CHECK (placement_order IN ('PRIORITY', 'MOST_IN_STOCK'));
ALTER TABLE reservation ADD COLUMN placement_split boolean;
ALTER TABLE reservation ADD CONSTRAINT reservation_placement_whole
    CHECK ((placement_order IS NULL) = (placement_split IS NULL)
           AND (placement_location IS NULL OR placement_order IS NOT NULL));
ALTER TABLE reservation_line ADD COLUMN minimum bigint CHECK (minimum BETWEEN 1 AND quantity);

-- Which location holds how many units of each line of a reservation, from its decision on; confirm, release and
-- expiry move the same units at the same locations. Reservations that hold or held stock so far held it at 'default'.
CREATE TABLE reservation_pick (
    reservation_id uuid             NOT NULL REFERENCES reservation (id),
    sku            text COLLATE "C" NOT NULL,
    location_id    text COLLATE "C" NOT NULL,
    units          bigint           NOT NULL CHECK (units > 0),
    backordered    bigint           NOT NULL CHECK (backordered BETWEEN 0 AND units),
    PRIMARY KEY (reservation_id, sku, location_id)
);
INSERT INTO reservation_pick (reservation_id, sku, location_id, units, backordered)
SELECT l.reservation_id, l.sku, 'default', l.quantity, 0
FROM reservation_line l JOIN reservation r ON r.id = l.reservation_id
WHERE r.status IN ('RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED');

-- The ledger says where each movement happened; a reservation moves each (SKU, location) at most once per kind.
ALTER TABLE stock_movement ADD COLUMN location_id text COLLATE "C" NOT NULL DEFAULT 'default';
ALTER TABLE stock_movement ALTER COLUMN location_id DROP DEFAULT;
DROP INDEX stock_movement_once_per_reservation;
CREATE UNIQUE INDEX stock_movement_once_per_reservation ON stock_movement (reservation_id, sku, location_id, kind)
    WHERE reservation_id IS NOT NULL;
