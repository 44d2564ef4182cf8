// Least-privilege roles: the services connect as the application role, which
// can append to the audit trail and read it, and nothing more: it can neither
// change nor erase it, nor switch off its trigger or replication-role checks.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { APP_ROLE, OWNER_ROLE } from "../../core/db/database-roles.js";
import { recordAuditDirect } from "../helpers/audit-rows.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { withOwnerClient } from "../helpers/test-databases.js";

let services: TestServices;

beforeAll(() => {
  services = createTestServices();
});
afterAll(async () => {
  await services.dispose();
});

describe("the application role", () => {
  test("is not a superuser and owns nothing", async () => {
    const who = await services.pool.query<{ user: string; superuser: boolean; owned: number; dbowner: string }>(
      `SELECT current_user AS user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS owned,
              (SELECT datdba::regrole::text FROM pg_database WHERE datname = current_database()) AS dbowner`,
    );
    expect(who.rows[0]).toEqual({ user: APP_ROLE, superuser: false, owned: 0, dbowner: OWNER_ROLE });
    const tables = await services.pool.query<{ owner: string }>(
      "SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables.rows).toEqual([{ owner: OWNER_ROLE }]);
  });

  test("appends to the audit trail and reads it", async () => {
    const id = await recordAuditDirect(services.pool, "roles.test");
    const read = await services.pool.query("SELECT action FROM audit_event WHERE id = $1", [id]);
    expect(read.rows).toEqual([{ action: "roles.test" }]);
  });

  test.each([
    ["UPDATE", "UPDATE audit_event SET action = 'erased' WHERE action = 'roles.test'"],
    ["DELETE", "DELETE FROM audit_event WHERE action = 'roles.test'"],
    ["TRUNCATE", "TRUNCATE audit_event"],
    ["DISABLE TRIGGER", "ALTER TABLE audit_event DISABLE TRIGGER ALL"],
    ["DISABLE one trigger", "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update"],
    ["DROP TRIGGER", "DROP TRIGGER audit_event_no_update ON audit_event"],
    ["SET session_replication_role", "SET session_replication_role = replica"],
    ["SET LOCAL session_replication_role", "BEGIN; SET LOCAL session_replication_role = replica; COMMIT"],
    ["reassign the table", `ALTER TABLE audit_event OWNER TO ${APP_ROLE}`],
  ])("cannot %s on the audit trail", async (_what, sql) => {
    await recordAuditDirect(services.pool, "roles.test");
    const client = await services.pool.connect();
    try {
      await expect(client.query(sql)).rejects.toThrow(/permission denied|must be owner|must be superuser/);
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
    }
    const kept = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'roles.test'");
    expect(kept.rows[0]!.n).toBeGreaterThan(0);
  });

  test("cannot reach a partition of the audit trail directly either", async () => {
    // This month's partition and the default one (the archive test drops old months meanwhile).
    const thisMonth = `audit_event_${new Date().toISOString().slice(0, 7).replace("-", "_")}`;
    const partitions = await services.pool.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_event'::regclass AND c.relname = ANY($1)",
      [[thisMonth, "audit_event_default"]],
    );
    expect(partitions.rows).toHaveLength(2);
    for (const { name } of partitions.rows) {
      for (const sql of [`UPDATE "${name}" SET action = 'x'`, `DELETE FROM "${name}"`, `TRUNCATE "${name}"`, `ALTER TABLE "${name}" DISABLE TRIGGER ALL`]) {
        await expect(services.pool.query(sql), sql).rejects.toThrow(/permission denied|must be owner/);
      }
    }
  });

  test("still has what the product needs: temporary tables, sequences, advisory locks", async () => {
    const client = await services.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("CREATE TEMP TABLE roles_scratch (n int) ON COMMIT DROP");
      await client.query("INSERT INTO roles_scratch VALUES (1)");
      await client.query("SELECT pg_advisory_xact_lock(42)");
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  });
});

test("the owner is refused by the append-only trigger too", async () => {
  const id = await recordAuditDirect(services.pool, "roles.owner");
  await withOwnerClient(async (owner) => {
    await expect(owner.query("UPDATE audit_event SET action = 'x' WHERE id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(owner.query("DELETE FROM audit_event WHERE id = $1", [id])).rejects.toThrow(/append-only/);
  });
});
