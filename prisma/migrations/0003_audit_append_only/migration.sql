-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
-- Prisma's migration runner splits scripts at every semicolon, even inside
-- dollar quotes, so the function body is an E'' string with \073 for it.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''audit_event is append-only'' USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Unit roles need a unit, manager scopes need a scope.
ALTER TABLE "membership" ADD CONSTRAINT "membership_scope" CHECK (
  (role IN ('officer', 'analyst') AND unit_id IS NOT NULL)
  OR (role = 'manager' AND (unit_id IS NOT NULL OR programme IS NOT NULL OR country IS NOT NULL))
  OR role = 'admin'
);
