// Least-privilege database roles. `portcullis_owner` (NOLOGIN) owns the
// database, its tables and functions, and runs the migrations (the admin
// connection switches to it); `portcullis_app` (LOGIN) is what the API and
// the workers connect as: no superuser, no ownership, and only the grants of
// migration 0012 (on audit_event: SELECT and INSERT), so it can neither erase
// the audit trail nor switch its trigger off.
//
// Roles are cluster-global and several processes (parallel test runs, replicas
// starting together) may create them at once: every step is idempotent and a
// concurrent creation is not an error.
import pg from "pg";

export const OWNER_ROLE = "portcullis_owner";
export const APP_ROLE = "portcullis_app";

/** duplicate_object, or the unique index on pg_authid when two CREATE ROLE race. */
const alreadyThere = (error: unknown) => ["42710", "23505"].includes((error as { code?: string }).code ?? "");

async function createRole(admin: pg.Client, name: string, attributes: string): Promise<void> {
  const found = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name]);
  if (found.rowCount) return;
  try {
    await admin.query(`CREATE ROLE ${pg.escapeIdentifier(name)} ${attributes}`);
  } catch (error) {
    if (!alreadyThere(error)) throw error;
  }
}

/**
 * Creates both roles if missing. The application role's password is the one in
 * DATABASE_URL when that URL names it (unset under local trust authentication).
 */
export async function ensureRoles(admin: pg.Client, appUrl?: string): Promise<void> {
  await createRole(admin, OWNER_ROLE, "NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
  await createRole(admin, APP_ROLE, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS");
  if (!appUrl) return;
  const url = new URL(appUrl);
  if (decodeURIComponent(url.username) === APP_ROLE && url.password) {
    const statement = `ALTER ROLE ${APP_ROLE} PASSWORD ${pg.escapeLiteral(decodeURIComponent(url.password))}`;
    // Two processes setting it at the same moment: PostgreSQL refuses the
    // second with "tuple concurrently updated"; once more then succeeds.
    await admin.query(statement).catch((error: unknown) => {
      if (!/tuple concurrently updated/.test((error as Error).message)) throw error;
      return admin.query(statement);
    });
  }
}

/**
 * Hands the database and everything in its public schema to the owner role.
 * A database migrated before the roles existed has its objects owned by the
 * admin user; a fresh one only needs the database itself. Runs as the admin.
 */
export async function adoptOwnership(admin: pg.Client): Promise<void> {
  const owner = pg.escapeIdentifier(OWNER_ROLE);
  const database = pg.escapeIdentifier((await admin.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db);
  await admin.query(`ALTER DATABASE ${database} OWNER TO ${owner}`);
  // Explicit, not left to PUBLIC's defaults (an operator may have revoked them):
  // the application connects, makes temporary tables (history imports) and
  // reaches the schema's objects.
  await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${APP_ROLE}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  const objects = await admin.query<{ statement: string }>(
    `SELECT format('ALTER %s %s OWNER TO %I', kind, name, $1::text) AS statement FROM (
       SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
              c.oid::regclass::text AS name, c.relowner AS owner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
       UNION ALL
       SELECT 'TYPE', t.oid::regtype::text, t.typowner FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
       UNION ALL
       SELECT 'FUNCTION', p.oid::regprocedure::text, p.proowner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
     ) o WHERE o.owner <> (SELECT oid FROM pg_roles WHERE rolname = $1)`,
    [OWNER_ROLE],
  );
  for (const { statement } of objects.rows) await admin.query(statement);
}

/** The admin URL switched to the owner role for the whole session (`-c role=`): what migrations run as. */
export function asOwner(adminUrl: string): string {
  const url = new URL(adminUrl);
  url.searchParams.set("options", `-c role=${OWNER_ROLE}`);
  return url.toString();
}
