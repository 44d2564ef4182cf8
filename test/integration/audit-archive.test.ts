// The audit trail is partitioned by month; the owner role archives months
// older than the retention to gzip JSON lines with a SHA-256 checksum before
// dropping them, and the application role is refused.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { AuditMaintenanceRefused, archiveAuditPartitions } from "../../core/audit/audit-partitions.js";
import { recordAuditDirect } from "../helpers/audit-rows.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { withOwnerClient } from "../helpers/test-databases.js";
import { childEntry } from "../helpers/child-entry.js";

let services: TestServices;
let outDir: string;

beforeAll(() => {
  services = createTestServices();
  outDir = mkdtempSync(path.join(os.tmpdir(), "audit-archive-"));
});
afterAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await services.dispose();
});

const partitions = async () =>
  (await services.pool.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_event'::regclass",
  )).rows.map((r) => r.name);

/** Synthetic months far in the past (no other test writes there), with rows written as the application writes them. */
async function seedOldMonths(): Promise<void> {
  await withOwnerClient(async (owner) => {
    for (const month of ["1990-01-01", "1990-02-01", "1990-03-01"]) await owner.query("SELECT audit_event_add_partition($1::date)", [month]);
  });
  for (let i = 0; i < 120; i += 1) await recordAuditDirect(services.pool, "archive.jan", new Date(Date.UTC(1990, 0, 1 + (i % 28), 12)));
  await recordAuditDirect(services.pool, "archive.feb", new Date(Date.UTC(1990, 1, 28, 23, 59)));
  await services.pool.query(
    "INSERT INTO audit_event (action, entity_type, at, details) VALUES ('archive.mar', 'test', '1990-03-01T00:00:00Z', $1)",
    [JSON.stringify({ note: "line\nbreak and \\ backslash, ünïcode" })],
  );
}

test("the audit trail is partitioned by month, with the append-only trigger on every partition", async () => {
  const names = await partitions();
  const thisMonth = new Date().toISOString().slice(0, 7).replace("-", "_");
  expect(names).toEqual(expect.arrayContaining([`audit_event_${thisMonth}`, "audit_event_default"]));
  const missing = await services.pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_event'::regclass
        AND (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname IN ('audit_event_no_update', 'audit_event_no_truncate')) < 2`,
  );
  expect(missing.rows).toEqual([]);
});

test("the application role is refused, and nothing is archived or dropped", async () => {
  await seedOldMonths();
  const before = await partitions();
  await expect(
    archiveAuditPartitions({ adminUrl: process.env.DATABASE_URL!, retentionMonths: 24, outDir, actorName: "test" }),
  ).rejects.toThrow(AuditMaintenanceRefused);
  expect(await partitions()).toEqual(before);
  // The command line says why, without a stack trace.
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const cli = spawnSync(process.execPath, [...childEntry("cli/portcullis.ts"), "audit", "archive", "--out", outDir], {
    cwd: root,
    env: { ...process.env, DATABASE_ADMIN_URL: process.env.DATABASE_URL, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  expect(cli.status).toBe(1);
  expect(cli.stderr).toMatch(/runs as the owner role \(portcullis_owner\): DATABASE_ADMIN_URL connects as "portcullis_app"/);
  expect(await partitions()).toEqual(before);
});

test("the owner archives months older than the retention to gzip JSON lines with a checksum, then drops them", async () => {
  await seedOldMonths();
  const recentId = await recordAuditDirect(services.pool, "archive.recent");
  const result = await archiveAuditPartitions({ adminUrl: process.env.DATABASE_ADMIN_URL!, retentionMonths: 24, outDir, actorName: "test" });
  const byMonth = Object.fromEntries(result.archived.map((a) => [a.month, a]));
  expect(byMonth["1990-01"]).toMatchObject({ partition: "audit_event_1990_01" });
  expect(byMonth["1990-01"]!.rows).toBeGreaterThanOrEqual(120);
  for (const month of ["1990-01", "1990-02", "1990-03"]) {
    const archived = byMonth[month]!;
    const gz = readFileSync(archived.file);
    const sha = createHash("sha256").update(gz).digest("hex");
    expect(archived.sha256).toBe(sha);
    expect(readFileSync(`${archived.file}.sha256`, "utf8")).toBe(`${sha}  ${path.basename(archived.file)}\n`);
    const lines = gunzipSync(gz).toString("utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as { action: string; at: string; details: unknown });
    expect(lines).toHaveLength(archived.rows);
    expect(lines.every((row) => row.at.startsWith(month))).toBe(true);
    expect(new Set(lines.map((row) => row.action))).toEqual(new Set([`archive.${{ "1990-01": "jan", "1990-02": "feb", "1990-03": "mar" }[month]}`]));
    if (month === "1990-03") expect(lines[0]!.details).toEqual({ note: "line\nbreak and \\ backslash, ünïcode" });
  }
  const left = await partitions();
  expect(left.filter((name) => name.startsWith("audit_event_1990"))).toEqual([]);
  const recent = await services.pool.query("SELECT action FROM audit_event WHERE id = $1", [recentId]);
  expect(recent.rows).toEqual([{ action: "archive.recent" }]);
  const audited = await services.pool.query<{ entity_id: string }>(
    "SELECT entity_id FROM audit_event WHERE action = 'audit.archived' AND entity_id LIKE 'audit_event_1990_%' ORDER BY entity_id",
  );
  expect(audited.rows.map((r) => r.entity_id)).toEqual(["audit_event_1990_01", "audit_event_1990_02", "audit_event_1990_03"]);
});
