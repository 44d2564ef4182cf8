// The inbox as operators run it: `inbox watch` processes killed with SIGKILL
// mid-way and started again, each file still processed exactly once; and a
// SIGTERM stops a watcher cleanly (its stop recorded, the summary printed).
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { dataFilesIn, freshInboxDir, namesIn } from "../helpers/inbox-dirs.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit } from "../helpers/test-units.js";
import { waitFor } from "../helpers/wait-for.js";
import { childEntry } from "../helpers/child-entry.js";

const SHIPMENTS = 300;
const root = fileURLToPath(new URL("../..", import.meta.url));
let services: TestServices;
const children: ChildProcess[] = [];

beforeAll(() => {
  services = createTestServices();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await services.dispose();
});

function startWatcher(dir: string, unitCode: string): { child: ChildProcess; output: Promise<{ code: number | null; stdout: string }> } {
  const child = spawn(process.execPath, [...childEntry("cli/portcullis.ts"), "inbox", "watch", dir, "--unit", unitCode, "--settle-ms", "100", "--rescan-ms", "100", "--heartbeat-ms", "150"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: services.config.DATABASE_URL, REDIS_URL: services.config.REDIS_URL, QUEUE_PREFIX: services.config.QUEUE_PREFIX, LOG_LEVEL: "warn", LOG_FORMAT: "json" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const output = new Promise<{ code: number | null; stdout: string }>((resolve) => child.once("exit", (code) => resolve({ code, stdout })));
  return { child, output };
}

test("watchers killed mid-way and restarted process each file once; SIGTERM stops one cleanly", async () => {
  const { dir, remove } = await freshInboxDir("restart");
  try {
    const unit = await createTestUnit(services);
    const count = 24;
    const names = Array.from({ length: count }, (_, i) => `voyage-${String(i).padStart(2, "0")}.json`);
    // Large enough that a kill lands while some file is being ingested.
    for (const name of names) await writeFile(join(dir, name), JSON.stringify(buildManifest(SHIPMENTS)));

    // Two watchers on the directory; both killed without warning once a few files are through.
    const first = [startWatcher(dir, unit.code), startWatcher(dir, unit.code)];
    await waitFor(async () => (await dataFilesIn(dir, "done")).length >= 4, { what: "the first files done", timeoutMs: 60_000 });
    for (const w of first) w.child.kill("SIGKILL");
    await Promise.all(first.map((w) => w.output));
    const doneAtKill = (await dataFilesIn(dir, "done")).length;
    expect(doneAtKill).toBeLessThan(count);
    // Killed with files in hand: what the restarted watcher must take over.
    const held = (await Promise.all((await namesIn(dir, "processing")).map((w) => namesIn(dir, join("processing", w))))).flat();
    expect(held.length).toBeGreaterThan(0);

    const second = startWatcher(dir, unit.code);
    await waitFor(async () => (await dataFilesIn(dir, "done")).length >= count, { what: `all ${count} files done`, timeoutMs: 90_000 });
    second.child.kill("SIGTERM");
    const stopped = await second.output;
    expect(stopped.code).toBe(0);
    expect(JSON.parse(stopped.stdout.slice(stopped.stdout.lastIndexOf("{\n")))).toMatchObject({ signal: "SIGTERM", failed: 0 });

    // One copy of each file (a second run would have placed a time-prefixed copy), nothing failed or left behind.
    expect(await dataFilesIn(dir, "done")).toEqual(names);
    expect(await dataFilesIn(dir, "failed")).toEqual([]);
    expect(await namesIn(dir, "processing")).toEqual([]);
    const manifests = await services.pool.query<{ n: number; shipments: number }>("SELECT count(*)::int AS n, sum(shipment_count)::int AS shipments FROM manifest WHERE unit_id = $1", [unit.id]);
    expect(manifests.rows[0]).toEqual({ n: count, shipments: count * SHIPMENTS });
    const stored = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM shipment WHERE unit_id = $1", [unit.id]);
    expect(stored.rows[0]!.n).toBe(count * SHIPMENTS);
    const rows = await services.pool.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM inbox_file WHERE unit_id = $1 GROUP BY status", [unit.id]);
    expect(rows.rows).toEqual([{ status: "done", n: count }]);
    const watchers = await services.pool.query<{ stopped: boolean }>("SELECT stopped_at IS NOT NULL AS stopped FROM inbox_watcher WHERE unit_id = $1 ORDER BY started_at", [unit.id]);
    // The killed ones never said they stopped (their heartbeats just ended); the last one did.
    expect(watchers.rows.map((w) => w.stopped)).toEqual([false, false, true]);
  } finally {
    await remove();
  }
}, 180_000);
