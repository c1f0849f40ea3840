-- An Idempotency-Key names its reservation (the id is derived from the caller and the key), so the reservation row
-- itself is what a retry is checked and answered against, for as long as the reservation is kept.
DROP TABLE idempotency_record;
