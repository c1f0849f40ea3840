-- Why a request was rejected, as the domain's code (RejectionCode), kept beside the reason in words: the code is what
-- the HTTP problem type, the outcome event and the status endpoint say. Rows rejected before this migration get the
-- code their reason was written for.
ALTER TABLE reservation ADD COLUMN rejection text
    CHECK (rejection IN ('INSUFFICIENT_STOCK', 'UNKNOWN_SKU', 'OVER_LIMIT'));

UPDATE reservation SET rejection = CASE
        WHEN reason LIKE 'unknown SKU %' THEN 'UNKNOWN_SKU'
        WHEN reason LIKE 'insufficient stock of %' OR reason LIKE 'no stock of %' THEN 'INSUFFICIENT_STOCK'
        ELSE 'OVER_LIMIT' END
WHERE status = 'REJECTED';

ALTER TABLE reservation ADD CONSTRAINT reservation_rejected_with_a_code
    CHECK ((status = 'REJECTED') = (rejection IS NOT NULL));
