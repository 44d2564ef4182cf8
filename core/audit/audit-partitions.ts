// Monthly partitions of the audit trail (migration 0013), managed by the owner
// role only: creating months ahead, and archiving months older than the
// retention to gzip JSON lines with a SHA-256 checksum file before dropping
// them. The application role can do neither (it has no grant on partitions
// and owns nothing), which the archive checks up front to refuse clearly.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createGzip } from "node:zlib";
import { once } from "node:events";
import pg from "pg";
import { verifyArchive } from "../archives/verify-archive.js";
import { OWNER_ROLE } from "../db/database-roles.js";

export class AuditMaintenanceRefused extends Error {
  override readonly name = "AuditMaintenanceRefused";
}

/** Opens a connection for maintenance and switches to the owner role; refuses any other role. */
export async function connectAsOwner(adminUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const who = await client.query<{ user: string; allowed: boolean }>(
    "SELECT current_user AS user, pg_has_role(current_user, $1, 'MEMBER') AS allowed",
    [OWNER_ROLE],
  );
  const { user, allowed } = who.rows[0]!;
  if (!allowed) {
    await client.end();
    throw new AuditMaintenanceRefused(
      `audit maintenance runs as the owner role (${OWNER_ROLE}): DATABASE_ADMIN_URL connects as "${user}", which may not archive or drop audit partitions`,
    );
  }
  await client.query(`SET ROLE ${pg.escapeIdentifier(OWNER_ROLE)}`);
  return client;
}

/** Creates the partitions of this month and the next `monthsAhead` (UTC) if missing. */
export async function ensureAuditPartitions(client: pg.Client, monthsAhead = 12): Promise<string[]> {
  const created = await client.query<{ name: string }>(
    `SELECT audit_event_add_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => g))::date) AS name
       FROM generate_series(0, $1::int) g`,
    [monthsAhead],
  );
  return created.rows.map((row) => row.name);
}

export interface ArchivedPartition {
  partition: string;
  month: string;
  rows: number;
  file: string;
  sha256: string;
}

const PARTITION_NAME = /^audit_event_(\d{4})_(\d{2})$/;

/** Monthly partitions whose whole month is before the retention cutoff, oldest first. */
async function partitionsBefore(client: pg.Client, cutoff: Date): Promise<{ name: string; month: string }[]> {
  const found = await client.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_event'::regclass ORDER BY 1",
  );
  return found.rows.flatMap(({ name }) => {
    const match = PARTITION_NAME.exec(name);
    if (!match) return [];
    const month = `${match[1]}-${match[2]}`;
    return Date.UTC(Number(match[1]), Number(match[2]), 1) <= cutoff.getTime() ? [{ name, month }] : [];
  });
}

/** Writes the partition's rows as gzip JSON lines; returns the row count and the file's SHA-256. */
async function exportPartition(client: pg.Client, partition: string, file: string): Promise<{ rows: number; sha256: string }> {
  const gzip = createGzip();
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  gzip.on("data", (chunk: Buffer) => hash.update(chunk));
  gzip.pipe(out);
  let rows = 0;
  let after: string | null = null;
  for (;;) {
    const page: pg.QueryResult<{ id: string; line: string }> = await client.query(
      `SELECT id::text AS id, row_to_json(t)::text AS line FROM ${pg.escapeIdentifier(partition)} t
        WHERE $1::bigint IS NULL OR id > $1::bigint ORDER BY id LIMIT 5000`,
      [after],
    );
    if (page.rows.length === 0) break;
    for (const row of page.rows) if (!gzip.write(`${row.line}\n`)) await once(gzip, "drain");
    rows += page.rows.length;
    after = page.rows[page.rows.length - 1]!.id;
  }
  gzip.end();
  await once(out, "close");
  return { rows, sha256: hash.digest("hex") };
}


/**
 * Archives every monthly partition older than `retentionMonths` (counted back
 * from the start of the current UTC month), each in its own transaction: the
 * partition is locked against writes, exported, read back and verified, then
 * detached and dropped, and the archive itself is audited. A failure leaves
 * that partition in place (the file is rewritten by the next run).
 */
export async function archiveAuditPartitions(options: {
  adminUrl: string;
  retentionMonths: number;
  outDir: string;
  actorName: string;
  now?: Date;
}): Promise<{ cutoff: string; archived: ArchivedPartition[]; monthsAhead: string[] }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - options.retentionMonths, 1));
  const client = await connectAsOwner(options.adminUrl);
  try {
    const monthsAhead = await ensureAuditPartitions(client);
    await mkdir(options.outDir, { recursive: true });
    const archived: ArchivedPartition[] = [];
    for (const { name, month } of await partitionsBefore(client, cutoff)) {
      const file = path.resolve(options.outDir, `${name}.jsonl.gz`);
      await client.query("BEGIN");
      try {
        await client.query(`LOCK TABLE ${pg.escapeIdentifier(name)} IN SHARE MODE`);
        const partial = `${file}.partial`;
        const exported = await exportPartition(client, name, partial);
        await verifyArchive(partial, exported);
        await rename(partial, file);
        await writeFile(`${file}.sha256`, `${exported.sha256}  ${path.basename(file)}\n`);
        await client.query(`ALTER TABLE audit_event DETACH PARTITION ${pg.escapeIdentifier(name)}`);
        await client.query(`DROP TABLE ${pg.escapeIdentifier(name)}`);
        await client.query(
          `INSERT INTO audit_event (actor_name, action, entity_type, entity_id, details) VALUES ($1, 'audit.archived', 'audit_partition', $2, $3)`,
          [options.actorName, name, JSON.stringify({ month, rows: exported.rows, file, sha256: exported.sha256 })],
        );
        await client.query("COMMIT");
        archived.push({ partition: name, month, rows: exported.rows, file, sha256: exported.sha256 });
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    }
    return { cutoff: cutoff.toISOString().slice(0, 10), archived, monthsAhead };
  } finally {
    await client.end();
  }
}
