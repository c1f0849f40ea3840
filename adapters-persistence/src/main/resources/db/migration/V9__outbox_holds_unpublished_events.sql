-- The outbox holds the events not published yet, each with what it reports of its reservation (owner, lines, picks,
-- end of the hold, as they were when the event happened), so that publishing reads nothing else; a published event
-- leaves the outbox. A relay locks the events it publishes for the time of its transaction: no claim is written.
ALTER TABLE outbox ADD COLUMN payload jsonb;
UPDATE outbox o SET payload = jsonb_build_object(
        'owner', r.owner,
        'expiresAt', to_char(r.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'lines', COALESCE((SELECT jsonb_agg(jsonb_build_object('sku', l.sku, 'quantity', l.quantity,
                                                               'minimum', COALESCE(l.minimum, l.quantity))
                                            ORDER BY l.sku)
                           FROM reservation_line l WHERE l.reservation_id = r.id), '[]'::jsonb),
        'picks', COALESCE((SELECT jsonb_agg(jsonb_build_object('sku', p.sku, 'location', p.location_id,
                                                               'units', p.units, 'backordered', p.backordered)
                                            ORDER BY p.sku, p.location_id)
                           FROM reservation_pick p WHERE p.reservation_id = r.id), '[]'::jsonb))
FROM reservation r
WHERE r.id = o.reservation_id AND o.published_at IS NULL;
DELETE FROM outbox WHERE published_at IS NOT NULL;
DROP INDEX outbox_unpublished;
ALTER TABLE outbox DROP COLUMN published_at, DROP COLUMN claimed_until, ALTER COLUMN payload SET NOT NULL;
