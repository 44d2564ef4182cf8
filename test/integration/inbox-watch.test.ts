// The watched inbox on real PostgreSQL and Redis, watchers in this process:
// each kind of file ends in done/ or failed/ with its answer, a file being
// written is not read early, two watchers on one directory process each file
// once, a dead watcher's file is taken over without storing anything twice,
// and /metrics and GET /v1/admin/inboxes show it.
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { InboxWatcher, type InboxOptions } from "../../core/inbox/inbox-watcher.js";
import { findInboxUnit } from "../../core/inbox/inbox-unit.js";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { declarationsCsv, plantedHistory } from "../helpers/declarations-csv.js";
import { answerOf, dataFilesIn, freshInboxDir, namesIn } from "../helpers/inbox-dirs.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(() => {
  services = createTestServices();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => services.dispose());

async function inbox(label: string): Promise<{ dir: string; unit: TestUnit }> {
  const { dir, remove } = await freshInboxDir(label);
  cleanups.push(remove);
  return { dir, unit: await createTestUnit(services) };
}

async function watch(dir: string, unit: TestUnit, options: Partial<InboxOptions> = {}): Promise<InboxWatcher> {
  const watcher = await InboxWatcher.start(services, {
    directory: dir, unitCode: unit.code, settleMs: 150, rescanMs: 100, heartbeatMs: 100, csvFormat: "customs-declarations", maxAttempts: 3, logger: services.logger, ...options,
  });
  cleanups.push(() => watcher.stop());
  return watcher;
}

const manifestCount = async (unit: TestUnit) => (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM manifest WHERE unit_id = $1", [unit.id])).rows[0]!.n;
const fileRows = async (unit: TestUnit) =>
  (await services.pool.query<{ file_name: string; status: string; attempts: number; kind: string }>("SELECT file_name, status, attempts, kind FROM inbox_file WHERE unit_id = $1 ORDER BY file_name", [unit.id])).rows;

async function finished(dir: string, count: number): Promise<{ done: string[]; failed: string[] }> {
  const found = await waitFor(async (): Promise<{ done: string[]; failed: string[] } | undefined> => {
    const done = await dataFilesIn(dir, "done");
    const failed = await dataFilesIn(dir, "failed");
    return done.length + failed.length >= count ? { done, failed } : undefined;
  }, { what: `${count} files in done/ or failed/ of ${dir}`, timeoutMs: 30_000 });
  return found!;
}

describe("each kind of file ends in done/ or failed/ with its answer", () => {
  test("JSON manifests, history files and files the inbox does not take", async () => {
    const { dir, unit } = await inbox("kinds");
    const good = buildManifest(3);
    await writeFile(join(dir, "good.json"), JSON.stringify(good));
    await writeFile(join(dir, "bad-container.json"), JSON.stringify(buildManifest(2, { shipments: [{ ...buildManifest(1).shipments[0], containerNumber: "MSCU1234560" }] })));
    await writeFile(join(dir, "not-json.json"), "{ this is not json");
    await writeFile(join(dir, "history.csv"), declarationsCsv(plantedHistory(20)));
    await writeFile(join(dir, "no-header.csv"), "a,b,c\n1,2,3\n");
    await writeFile(join(dir, "notes.txt"), "hello");
    // A sender still writing: never touched.
    await writeFile(join(dir, "upload.json.part"), "{");
    await writeFile(join(dir, ".hidden.json"), "{");
    await watch(dir, unit);

    const { done, failed } = await finished(dir, 6);
    expect(done).toEqual(["good.json", "history.csv"]);
    expect(failed).toEqual(["bad-container.json", "no-header.csv", "not-json.json", "notes.txt"]);

    expect(await answerOf(dir, "done", "good.json")).toMatchObject({ status: "accepted", manifestRef: good.manifestRef, shipmentCount: 3, unitCode: unit.code });
    const bad = await answerOf(dir, "failed", "bad-container.json");
    expect(bad.status).toBe("rejected");
    expect(JSON.stringify(bad.errors)).toMatch(/shipments\[0\]\.containerNumber/);
    expect(await answerOf(dir, "failed", "not-json.json")).toMatchObject({ status: "rejected", message: "the file is not JSON" });
    expect(await answerOf(dir, "done", "history.csv")).toMatchObject({ status: "queued", duplicate: false, format: "customs-declarations" });
    expect(JSON.stringify(await answerOf(dir, "failed", "no-header.csv"))).toMatch(/columns\./);
    expect((await answerOf(dir, "failed", "notes.txt")).status).toBe("rejected");

    expect(await namesIn(dir, ".")).toEqual(expect.arrayContaining(["upload.json.part"]));
    expect(await readFile(join(dir, ".hidden.json"), "utf8")).toBe("{");
    expect(await manifestCount(unit)).toBe(1);
    expect((await fileRows(unit)).map((r) => `${r.file_name}:${r.kind}:${r.status}`)).toEqual([
      "bad-container.json:manifest:failed", "good.json:manifest:done", "history.csv:history:done", "no-header.csv:history:failed", "not-json.json:manifest:failed",
    ]);
  });

  test("EDIFACT interchanges: the CUSRES or CONTRL reply beside each", async () => {
    const { dir, unit } = await inbox("edi");
    const fixture = (name: string) => readFile(new URL(`../../fixtures/edifact/${name}`, import.meta.url));
    await writeFile(join(dir, "two-containers.edi"), await fixture("two-containers.edi"));
    await writeFile(join(dir, "one-bad.edi"), await fixture("two-messages-one-bad.edi"));
    await writeFile(join(dir, "junk.edi"), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x0a]));
    await watch(dir, unit);
    const { done, failed } = await finished(dir, 3);
    expect(done).toEqual(["two-containers.edi"]);
    expect(failed).toEqual(["junk.edi", "one-bad.edi"]);
    const reply = (sub: string, name: string) => readFile(join(dir, sub, name), "utf8");
    expect(await reply("done", "two-containers.edi.cusres.edi")).toMatch(/^UNA|^UNB/);
    expect(await reply("done", "two-containers.edi.cusres.edi")).toContain("CUSRES");
    // Partial acceptance: the accepted message is stored, the file still goes to failed/ for the sender to act on.
    expect(await reply("failed", "one-bad.edi.cusres.edi")).toContain("ERP");
    expect(await reply("failed", "junk.edi.contrl.edi")).toContain("CONTRL");
    const rows = await services.pool.query<{ file_name: string; status: string; error: string | null; answer: { summary: { replyKind: string; messages: { status: string }[] } } }>(
      "SELECT file_name, status, error, answer FROM inbox_file WHERE unit_id = $1 ORDER BY file_name", [unit.id]);
    expect(rows.rows.map((r) => [r.file_name, r.status, r.answer.summary.replyKind])).toEqual([
      ["junk.edi", "failed", "CONTRL"], ["one-bad.edi", "failed", "CUSRES"], ["two-containers.edi", "done", "CUSRES"],
    ]);
    expect(rows.rows[1]!.answer.summary.messages.map((m) => m.status).sort()).toEqual(["accepted", "rejected"]);
    expect(rows.rows[1]!.error).toMatch(/^CUSRES: 1 of 2 message\(s\) rejected/);
    expect(await manifestCount(unit)).toBe(2);
  });

  test("history as manifest-jsonl lines", async () => {
    const { dir, unit } = await inbox("jsonl");
    const lines = await readFile(new URL("../../fixtures/contract/history.example.jsonl", import.meta.url), "utf8");
    await writeFile(join(dir, "past.jsonl"), lines);
    await watch(dir, unit);
    const { done } = await finished(dir, 1);
    expect(done).toEqual(["past.jsonl"]);
    expect(await answerOf(dir, "done", "past.jsonl")).toMatchObject({ status: "queued", format: "manifest-jsonl", follow: expect.stringMatching(/history-imports\//) });
  });
});

test("a file still being written is not read before it has settled", async () => {
  const { dir, unit } = await inbox("slow");
  const text = JSON.stringify(buildManifest(40));
  await watch(dir, unit, { settleMs: 700, rescanMs: 50 });
  const path = join(dir, "slow.json");
  const pieces = 12;
  const size = Math.ceil(text.length / pieces);
  for (let i = 0; i < pieces; i += 1) {
    await appendFile(path, text.slice(i * size, (i + 1) * size));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Half-written JSON would be rejected as "not JSON": it must still be where the sender writes it.
    expect(await namesIn(dir, "."), `after piece ${i + 1}`).toContain("slow.json");
  }
  const { done, failed } = await finished(dir, 1);
  expect({ done, failed }).toEqual({ done: ["slow.json"], failed: [] });
  expect(await answerOf(dir, "done", "slow.json")).toMatchObject({ status: "accepted", shipmentCount: 40 });
});

test("two watchers on one directory process each file once", async () => {
  const { dir, unit } = await inbox("two");
  const refs: string[] = [];
  for (let i = 0; i < 24; i += 1) {
    const manifest = buildManifest(5 + (i % 4));
    refs.push(manifest.manifestRef as string);
    await writeFile(join(dir, `m${String(i).padStart(2, "0")}.json`), JSON.stringify(manifest));
  }
  const [a, b] = await Promise.all([watch(dir, unit, { rescanMs: 30, settleMs: 60 }), watch(dir, unit, { rescanMs: 30, settleMs: 60 })]);
  const { done, failed } = await finished(dir, 24);
  expect(failed).toEqual([]);
  // Exactly one copy of each (a second processing would have placed a time-prefixed copy).
  expect(done).toEqual(Array.from({ length: 24 }, (_, i) => `m${String(i).padStart(2, "0")}.json`));
  expect(a.tally.done + b.tally.done).toBe(24);
  expect(a.tally.repeated + b.tally.repeated).toBe(0);
  expect(await manifestCount(unit)).toBe(24);
  expect((await fileRows(unit)).every((r) => r.status === "done" && r.attempts === 1)).toBe(true);
});

test("a dead watcher's file is taken over and its manifest stored once; a re-dropped file is answered from the first run", async () => {
  const { dir, unit } = await inbox("takeover");
  const scope = await findInboxUnit(services, unit.code);
  const manifest = buildManifest(4);
  const text = JSON.stringify(manifest);
  // What a watcher killed after its ingest committed, but before it finished the file, leaves behind.
  const dead = "00000000-0000-4000-8000-00000000dead";
  await services.pool.query("INSERT INTO inbox_watcher (id, unit_id, directory, host, pid, heartbeat_interval_ms, heartbeat_at) VALUES ($1, $2, $3, 'gone', 1, 100, now() - interval '1 hour')", [dead, unit.id, await realDir(dir)]);
  await mkdir(join(dir, "processing", dead), { recursive: true });
  await writeFile(join(dir, "processing", dead, "crashed.json"), text);
  const { createHash } = await import("node:crypto");
  const hash = createHash("sha256").update(text).digest("hex");
  await services.pool.query("INSERT INTO inbox_file (id, unit_id, directory, file_name, content_hash, kind, byte_size, watcher_id) VALUES (gen_random_uuid(), $1, $2, 'crashed.json', $3, 'manifest', $4, $5)", [unit.id, await realDir(dir), hash, text.length, dead]);
  const first = await ingestManifest(services, { unit: scope, manifest: manifestSchema(20_000).parse(manifest), idempotencyKey: `inbox:${hash}`, actor: { name: "test" } });

  const watcher = await watch(dir, unit);
  await finished(dir, 1);
  expect(await answerOf(dir, "done", "crashed.json")).toMatchObject({ status: "accepted", manifestId: first.body.manifestId });
  expect(await manifestCount(unit)).toBe(1);
  expect(await fileRows(unit)).toMatchObject([{ file_name: "crashed.json", status: "done", attempts: 2 }]);
  expect(await namesIn(dir, "processing")).not.toContain(dead);

  // The same file dropped again: answered from the first run, nothing stored, kept beside the first copy.
  await writeFile(join(dir, "crashed.json"), text);
  await finished(dir, 2);
  expect(watcher.tally.repeated).toBe(1);
  const copies = await dataFilesIn(dir, "done");
  expect(copies).toHaveLength(2);
  expect(await answerOf(dir, "done", copies.find((n) => n !== "crashed.json")!)).toMatchObject({ manifestId: first.body.manifestId });
  expect(await manifestCount(unit)).toBe(1);
});

test("/metrics and GET /v1/admin/inboxes show the inbox", async () => {
  const { dir, unit } = await inbox("metrics");
  await writeFile(join(dir, "ok.json"), JSON.stringify(buildManifest(2)));
  await writeFile(join(dir, "broken.json"), "[");
  await watch(dir, unit);
  await finished(dir, 2);
  const app = createApp(services);
  const admin = await createTestUser(services, [{ role: "admin" }]);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);

  const metrics = await request(app).get("/metrics").set(bearer(admin));
  expect(metrics.status).toBe(200);
  expect(metrics.text).toContain(`portcullis_inbox_files{unit="${unit.code}",kind="manifest",outcome="done"} 1`);
  expect(metrics.text).toContain(`portcullis_inbox_files{unit="${unit.code}",kind="manifest",outcome="failed"} 1`);
  expect(metrics.text).toContain(`portcullis_inbox_watchers_alive{unit="${unit.code}"} 1`);
  expect(metrics.text).toMatch(new RegExp(`portcullis_inbox_last_success_timestamp_seconds\\{unit="${unit.code}"\\} \\d+`));
  expect(metrics.text).toContain(`portcullis_inbox_backlog_files{unit="${unit.code}"} 0`);

  expect((await request(app).get("/v1/admin/inboxes").set(bearer(officer))).status).toBe(403);
  const listed = await request(app).get("/v1/admin/inboxes").set(bearer(admin));
  expect(listed.status).toBe(200);
  const mine = (listed.body.inboxes as { unitCode: string; lastSuccessAt?: unknown }[]).find((i) => i.unitCode === unit.code);
  expect(mine).toMatchObject({
    directory: await realDir(dir),
    alive: true,
    counts: { done: 1, failed: 1, processing: 0 },
    byKind: { manifest: { done: 1, failed: 1, processing: 0 } },
    recentFailures: [{ fileName: "broken.json", kind: "manifest", error: "the file is not JSON" }],
    watchers: [{ alive: true, stoppedAt: null }],
  });
  expect(typeof mine?.lastSuccessAt).toBe("string");
});

async function realDir(dir: string): Promise<string> {
  const { realpath } = await import("node:fs/promises");
  return realpath(dir);
}
