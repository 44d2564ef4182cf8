-- Least-privilege roles (created by the migration step before this runs, see
-- core/db/database-roles.ts, which also hands every object to the owner role:
-- this script runs as portcullis_owner).
-- The application role reads and writes the data tables, appends to the audit
-- trail and nothing more: no UPDATE, DELETE or TRUNCATE there, no ownership
-- (so no ALTER TABLE ... DISABLE TRIGGER), not a superuser (so no
-- session_replication_role).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portcullis_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portcullis_app;
REVOKE ALL ON "_prisma_migrations" FROM portcullis_app;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_event" FROM portcullis_app;

-- Tables and sequences later migrations create (as the owner) get the same grants.
ALTER DEFAULT PRIVILEGES FOR ROLE portcullis_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portcullis_app;
ALTER DEFAULT PRIVILEGES FOR ROLE portcullis_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO portcullis_app;

-- Nobody but the owner creates objects in the schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
