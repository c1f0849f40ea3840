-- Least privilege, when the database has a runtime role apart from the owner that runs the migrations
-- (docs/operations.md, "Database roles"): after every migration the role stocklock_app may read and write what the
-- service writes, but only read and append to the stock ledger. It owns nothing, so it can neither TRUNCATE nor
-- ALTER a table, nor switch off the ledger's append-only trigger; it may add partitions to the ledger, through a
-- function that does only that.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'stocklock_app') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO stocklock_app', current_schema());
        GRANT SELECT, INSERT, UPDATE, DELETE ON inventory, reservation, reservation_line, reservation_pick, outbox,
            owner_holding, location, sku_policy, sale, sale_sku, sale_buyer, sku_low_stock, stock_level_event,
            waiting_entry TO stocklock_app;
        GRANT SELECT, INSERT ON stock_movement TO stocklock_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON stock_movement FROM stocklock_app;
        GRANT USAGE ON SEQUENCE stock_movement_seq TO stocklock_app;
        GRANT EXECUTE ON FUNCTION stock_movement_partitions_ahead(interval, interval) TO stocklock_app;
        GRANT SELECT ON service_secret TO stocklock_app;
    END IF;
END $$;
