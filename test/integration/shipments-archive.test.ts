// `shipments archive`: a unit's shipments that arrived before the cut-off and
// are done with go to a gzip JSON-lines file with a checksum and leave the
// database; a held container, an inspected one and a newer one stay, and the
// queue's counters follow (they are checked against a live count). The
// command line runs the same use case.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { archiveShipments, retentionCutoff } from "../../core/shipments/archive-shipments.js";
import { countQueue } from "../../core/shipments/count-queue.js";
import { queueCounts } from "../../core/triage/queue-overview.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { manifestsPartlyQueued } from "../helpers/queue-invariants.js";
import { childEntry } from "../helpers/child-entry.js";

const NOW = new Date("2026-12-06T08:00:00Z");
let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let dir: string;

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  dir = mkdtempSync(join(tmpdir(), "shipments-archive-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await services.dispose();
});

async function post(arrivalDate: string, first: number, count: number): Promise<string[]> {
  const res = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer))
    .send(buildManifest(count, { arrivalDate, departureDate: "2023-01-01", manifestFiledAt: "2023-01-01T10:00:00Z", shipments: Array.from({ length: count }, (_, i) => buildShipment(first + i)) }));
  expect(res.status).toBe(202);
  return (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [res.body.manifestId])).rows.map((r) => r.id);
}

const scope = () => ({ id: unit.id, code: unit.code, country: "BE", programme: "CCP" });
const exists = async (ids: string[]) => (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE id = ANY($1::uuid[])", [ids])).rows.length;

test("retention counts months back from the start of this month", () => {
  expect(retentionCutoff(NOW, 24)).toBe("2024-12-01");
  expect(retentionCutoff(new Date("2026-01-31T23:00:00Z"), 1)).toBe("2025-12-01");
});

test("old shipments that are done with are archived with their scoring and deleted; held, inspected and newer ones stay", async () => {
  const old = await post("2024-01-10", 0, 8);
  const recent = await post("2026-11-20", 50, 3);
  await services.pool.query("UPDATE scoring_state SET status = 'scored', score = 12.5, band = 'low' WHERE shipment_id = ANY($1::uuid[])", [old]);
  await services.pool.query("UPDATE scoring_state SET decision = 'hold' WHERE shipment_id = $1", [old[0]]);
  await services.pool.query(
    "INSERT INTO inspection (id, shipment_id, unit_id, outcome, inspected_at) VALUES (gen_random_uuid(), $1, $2, 'nothing_found', $3)",
    [old[1], unit.id, NOW],
  );
  const totalBefore = (await queueCounts(services, scope(), { versions: "all" })).total;

  const out = join(dir, "old.jsonl.gz");
  const result = await archiveShipments(services, { unitCode: unit.code, before: "2024-12-01", out, actor: { name: "test" } });
  expect(result).toMatchObject({ archived: 6, deleted: 6 });
  const raw = readFileSync(out);
  expect(createHash("sha256").update(raw).digest("hex")).toBe(result.sha256);
  expect(readFileSync(`${out}.sha256`, "utf8")).toBe(`${result.sha256}  old.jsonl.gz\n`);
  const lines = gunzipSync(raw).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as { shipment: { id: string; arrival_date: string }; scoring: { score: number } });
  expect(lines.map((l) => l.shipment.id).sort()).toEqual(old.slice(2).sort());
  expect(lines.every((l) => l.scoring.score === 12.5)).toBe(true);

  expect(await exists(old.slice(2))).toBe(0);
  expect(await exists([old[0]!, old[1]!, ...recent])).toBe(5);
  // The counters lost exactly the deleted rows, like a live count.
  const after = await queueCounts(services, scope(), { versions: "all" });
  expect(after.total).toBe(totalBefore - 6);
  expect(await countQueue(services, unit.id, {})).toBe(await countQueue(services, unit.id, {}, { live: true }));
  const audit = await services.pool.query("SELECT after FROM audit_event WHERE action = 'shipments.archived' AND unit_id = $1", [unit.id]);
  expect(audit.rows[0].after).toMatchObject({ before: "2024-12-01", archived: 6, deleted: 6, sha256: result.sha256 });

  // A second run finds nothing more to archive.
  expect(await archiveShipments(services, { unitCode: unit.code, before: "2024-12-01", out: join(dir, "again.jsonl.gz"), actor: { name: "test" } }))
    .toMatchObject({ archived: 0, deleted: 0 });
});

test("a date in the future or not a date is refused, and so is an unknown unit", async () => {
  const ask = (before: string, unitCode = unit.code) => archiveShipments(services, { unitCode, before, out: join(dir, "x.jsonl.gz"), actor: { name: "test" } });
  await expect(ask("2027-01-01")).rejects.toMatchObject({ details: { errors: [{ path: "before", message: expect.stringMatching(/after today/) }] } });
  await expect(ask("2024-13-01")).rejects.toMatchObject({ details: { errors: [{ path: "before" }] } });
  await expect(ask("2024-01-01", "NO-SUCH")).rejects.toThrow(/unit NO-SUCH not found/);
});

test("the command line archives with the retention setting and says what it did", async () => {
  await post("2023-06-01", 80, 2);
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const out = join(dir, "cli.jsonl.gz");
  // The command reads the real clock: a retention that reaches back to 2023-12-01 whenever the test runs.
  const today = new Date();
  const monthsBackTo2023December = (today.getUTCFullYear() - 2023) * 12 + today.getUTCMonth() - 11;
  const cli = spawnSync(process.execPath, [...childEntry("cli/portcullis.ts"), "shipments", "archive", "--unit", unit.code, "--out", out], {
    cwd: root,
    env: { ...process.env, SHIPMENT_RETENTION_MONTHS: String(monthsBackTo2023December), LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  expect(cli.stderr).toBe("");
  expect(cli.status).toBe(0);
  expect(JSON.parse(cli.stdout)).toMatchObject({ unitCode: unit.code, archived: 2, deleted: 2 });
  const missing = spawnSync(process.execPath, [...childEntry("cli/portcullis.ts"), "shipments", "archive", "--out", out], { cwd: root, env: process.env, encoding: "utf8" });
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/--unit CODE/);
});

test("after the archiving above, a manifest's shipments are all in the queue or none is", async () => {
  expect(await manifestsPartlyQueued(services.pool, [unit.id])).toEqual([]);
});
