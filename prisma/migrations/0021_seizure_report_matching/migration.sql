-- Seizure reports shared with other units point at those units' containers
-- (issue 16): each match says what it matched on, so the receiving officer
-- sees why the container is flagged.
ALTER TABLE "alert_match" ADD COLUMN "matched_on" TEXT;
UPDATE "alert_match" m SET "matched_on" = a."subject_kind"::text FROM "alert" a WHERE a."id" = m."alert_id";
