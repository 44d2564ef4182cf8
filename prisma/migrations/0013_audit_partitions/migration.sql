-- The audit trail, partitioned by month (UTC) so old months can be archived
-- and dropped whole by the owner (`npm run cli -- audit archive`), never
-- row by row: the append-only trigger stays on every partition.
-- Prisma's migration runner splits scripts at every semicolon, even inside
-- quotes, so function bodies are E'' strings with \073 for it (see 0003).

ALTER TABLE "audit_event" RENAME TO "audit_event_unpartitioned";
ALTER INDEX "audit_event_pkey" RENAME TO "audit_event_unpartitioned_pkey";
ALTER INDEX "audit_event_at_idx" RENAME TO "audit_event_unpartitioned_at_idx";
ALTER INDEX "audit_event_entity_type_entity_id_idx" RENAME TO "audit_event_unpartitioned_entity_idx";
ALTER INDEX "audit_event_actor_id_at_idx" RENAME TO "audit_event_unpartitioned_actor_idx";
ALTER INDEX "audit_event_unit_id_at_idx" RENAME TO "audit_event_unpartitioned_unit_idx";
-- The id sequence outlives the old table: the new one draws from it.
ALTER SEQUENCE "audit_event_id_seq" OWNED BY NONE;

-- LIKE keeps every column, its type, NOT NULL and default (the id's nextval
-- included), whatever earlier migrations added.
CREATE TABLE "audit_event" (LIKE "audit_event_unpartitioned" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE ("at");
-- A partitioned table's keys include the partition column.
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id", "at");
ALTER SEQUENCE "audit_event_id_seq" OWNED BY "audit_event"."id";

CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");
CREATE INDEX "audit_event_actor_id_at_idx" ON "audit_event"("actor_id", "at");
CREATE INDEX "audit_event_unit_id_at_idx" ON "audit_event"("unit_id", "at");

-- Row triggers on a partitioned table are cloned onto every partition, present
-- and future. TRUNCATE triggers are not: audit_event_add_partition adds one
-- to each partition it creates.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Creates the partition of the UTC month holding `month` (if missing), with
-- its TRUNCATE trigger, and no direct grant to the application role (it
-- reads and appends through audit_event). Returns the partition's name.
CREATE FUNCTION audit_event_add_partition(month date) RETURNS text LANGUAGE plpgsql AS E'
DECLARE
  first date := date_trunc(''month'', month)::date\073
  name text := format(''audit_event_%s'', to_char(first, ''YYYY_MM''))\073
BEGIN
  IF to_regclass(name) IS NOT NULL THEN RETURN name\073 END IF\073
  EXECUTE format(''CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)'', name,
    first::timestamp AT TIME ZONE ''UTC'', (first + interval ''1 month'')::timestamp AT TIME ZONE ''UTC'')\073
  EXECUTE format(''CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()'', name)\073
  EXECUTE format(''REVOKE ALL ON %I FROM portcullis_app'', name)\073
  RETURN name\073
END';
REVOKE ALL ON FUNCTION audit_event_add_partition(date) FROM PUBLIC;

-- Rows outside every monthly partition (a month nobody created ahead) land here.
CREATE TABLE "audit_event_default" PARTITION OF "audit_event" DEFAULT;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event_default"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
REVOKE ALL ON "audit_event_default" FROM portcullis_app;

-- A partition for every month from the oldest row to a year ahead: the
-- migration step and `audit archive` keep creating months ahead.
DO E'
DECLARE m date\073
BEGIN
  FOR m IN SELECT generate_series(
      date_trunc(''month'', coalesce((SELECT min(at) FROM audit_event_unpartitioned), now()) AT TIME ZONE ''UTC''),
      date_trunc(''month'', now() AT TIME ZONE ''UTC'') + interval ''12 months'', interval ''1 month'')::date
  LOOP
    PERFORM audit_event_add_partition(m)\073
  END LOOP\073
END';

INSERT INTO "audit_event" SELECT * FROM "audit_event_unpartitioned";

DROP TABLE "audit_event_unpartitioned";

GRANT SELECT, INSERT ON "audit_event" TO portcullis_app;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_event" FROM portcullis_app;

-- Not about the audit trail, but this change's other migration slot: every
-- scoring transaction that scores a (shipment, version) counts itself here,
-- also when the unique key makes its row a no-op, so double work is seen
-- where it happens instead of being hidden behind the key.
ALTER TABLE "assessment" ADD COLUMN "executions" INTEGER NOT NULL DEFAULT 1;
