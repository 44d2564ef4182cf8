// Load: concurrent clients ingest manifests for --seconds (default 60) while
// officers query the flagged list. Loopback only, own database and queue
// prefix, stops by itself. Prints ONE JSON object: throughput, p50/p95/p99 of
// both, whether the flagged-list p95 is under 100 ms, the RSS of the API (in
// process) and of each worker child, and memory growth (first vs last third).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createApp } from "../api/app.js";
import { createToken } from "../core/admin/manage-tokens.js";
import { createAgency } from "../core/admin/manage-units.js";
import { createUser } from "../core/admin/manage-users.js";
import { parseConfig } from "../core/config.js";
import { loadBaselineProfile } from "../core/profiles/baseline-profile.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { createServices } from "../core/services.js";
import { buildManifest } from "../test/helpers/manifest-builder.js";
import { spawnWorker, stopWorker } from "../test/helpers/worker-process.js";
import { withBenchDatabase } from "./bench-database.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    ingesters: { type: "string", default: "4" },
    officers: { type: "string", default: "4" },
    shipments: { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
  },
});
const seconds = Number(args.seconds);
const SYSTEM = { name: "bench" };

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};
const summary = (latencies: number[], errors: number) => ({
  requests: latencies.length,
  errors,
  perSecond: Math.round((latencies.length / seconds) * 10) / 10,
  p50Ms: percentile(latencies, 50),
  p95Ms: percentile(latencies, 95),
  p99Ms: percentile(latencies, 99),
});
const rssOf = (pid: number) => {
  try {
    return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)]).toString().trim()) * 1024;
  } catch {
    return NaN;
  }
};
const mb = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
const growth = (samples: number[]) => {
  const third = Math.max(1, Math.floor(samples.length / 3));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(samples.slice(0, third));
  const last = mean(samples.slice(-third));
  return { firstThirdMb: mb(first), lastThirdMb: mb(last), maxMb: mb(Math.max(...samples)), growthPct: Math.round(((last - first) / first) * 1000) / 10 };
};

await withBenchDatabase(async (url) => {
  const config = parseConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: `bench-load-${randomBytes(3).toString("hex")}`, LOG_LEVEL: "warn", INGEST_RATE_LIMIT: "100000" });
  const services = createServices(config, "bench");
  const workers = Array.from({ length: Number(args.workers) }, () => spawnWorker(config, { LOG_LEVEL: "warn", WORKER_CONCURRENCY: "2" }));
  const server = createApp(services).listen(0, "127.0.0.1");
  try {
    await Promise.all(workers.map((w) => w.ready));
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const unit = await services.prisma.controlUnit.create({ data: { code: "BEANR-LOAD", locode: "BEANR", name: "Load", country: "BE", kind: "seaport" } });
    await installProfile(services, unit.id, await loadBaselineProfile(), { activate: true, createdBy: "bench" });
    const agency = await createAgency(services, { code: "AG-LOAD", name: "Load", kind: "customs", country: "BE" }, SYSTEM);
    const user = await createUser(services, { username: "load-officer", displayName: "Load", agencyCode: agency.code, memberships: [{ role: "officer", unitCode: unit.code }] }, SYSTEM);
    const token = await createToken(services, user.id, { name: "load", expiresInDays: 1 }, SYSTEM);
    const headers = { authorization: `Bearer ${token.token}`, "content-type": "application/json" };

    const ingest: number[] = [];
    const query: number[] = [];
    let ingestErrors = 0;
    let queryErrors = 0;
    let shipmentsPosted = 0;
    const memory: Record<string, number[]> = { api: [], ...Object.fromEntries(workers.map((_, i) => [`worker${i + 1}`, []])) };
    const sample = () => {
      memory.api!.push(process.memoryUsage().rss);
      workers.forEach((w, i) => memory[`worker${i + 1}`]!.push(rssOf(w.child.pid!)));
    };
    const sampler = setInterval(sample, 1_000);
    sample();
    // RSS includes allocator slack; the heap after a full GC is what is retained.
    // Run with `node --expose-gc --import tsx` to get it (two pauses only).
    const gc = (globalThis as { gc?: () => void }).gc;
    const heapAfterGc = () => {
      if (!gc) return null;
      gc();
      return process.memoryUsage().heapUsed;
    };
    const retained: { atOneThird: number | null; atEnd: number | null } = { atOneThird: null, atEnd: null };
    const thirdTimer = setTimeout(() => (retained.atOneThird = heapAfterGc()), (seconds * 1_000) / 3);
    const deadline = Date.now() + seconds * 1_000;
    const ingester = async () => {
      while (Date.now() < deadline) {
        const body = JSON.stringify({ ...buildManifest(Number(args.shipments)), manifestRef: `LOAD-${randomBytes(6).toString("hex")}` });
        const started = performance.now();
        const res = await fetch(`${base}/v1/units/${unit.code}/manifests`, { method: "POST", headers, body });
        await res.arrayBuffer();
        if (res.status === 202) {
          ingest.push(performance.now() - started);
          shipmentsPosted += Number(args.shipments);
        } else ingestErrors += 1;
      }
    };
    const officer = async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const res = await fetch(`${base}/v1/units/${unit.code}/shipments?flagged=true&limit=50`, { headers });
        await res.arrayBuffer();
        if (res.status === 200) query.push(performance.now() - started);
        else queryErrors += 1;
      }
    };
    await Promise.all([...Array.from({ length: Number(args.ingesters) }, ingester), ...Array.from({ length: Number(args.officers) }, officer)]);
    clearInterval(sampler);
    sample();
    const backlog = await services.pool.query<{ pending: number; scored: number }>(
      "SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'scored')::int AS scored FROM scoring_state",
    );
    // Bounded drain: how long the workers need to finish what was accepted.
    const drainStarted = Date.now();
    let pending = backlog.rows[0]!.pending;
    while (pending > 0 && Date.now() - drainStarted < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      pending = (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state WHERE status = 'pending'")).rows[0]!.n;
    }
    clearTimeout(thirdTimer);
    retained.atEnd = heapAfterGc();
    const flaggedP95 = percentile(query, 95);
    console.log(
      JSON.stringify({
        benchmark: "load-ingest-and-query",
        seconds,
        clients: { ingesters: Number(args.ingesters), officers: Number(args.officers), shipmentsPerManifest: Number(args.shipments), workerProcesses: workers.length },
        ingest: { ...summary(ingest, ingestErrors), shipmentsPerSecond: Math.round(shipmentsPosted / seconds) },
        flaggedQuery: summary(query, queryErrors),
        flaggedP95Under100ms: flaggedP95 !== null && flaggedP95 < 100,
        scoring: { scoredDuringRun: backlog.rows[0]!.scored, pendingAtEnd: backlog.rows[0]!.pending, drainSeconds: Math.round((Date.now() - drainStarted) / 100) / 10, pendingAfterDrain: pending },
        memory: Object.fromEntries(Object.entries(memory).map(([name, samples]) => [name, growth(samples.filter(Number.isFinite))])),
        apiHeapAfterGc:
          retained.atOneThird && retained.atEnd
            ? { atOneThirdMb: Math.round(retained.atOneThird / 2 ** 20), atEndMb: Math.round(retained.atEnd / 2 ** 20), growthPct: Math.round(((retained.atEnd - retained.atOneThird) / retained.atOneThird) * 1000) / 10 }
            : "run with node --expose-gc --import tsx to measure",
        memoryNote: "api = this process (API in process, plus load clients); workers = child processes via ps",
      }),
    );
  } finally {
    server.close();
    await Promise.all(workers.map((w) => stopWorker(w)));
    await services.queues.scoring.obliterate({ force: true }).catch(() => undefined);
    await services.queues.maintenance.obliterate({ force: true }).catch(() => undefined);
    await services.queues.analysis.obliterate({ force: true }).catch(() => undefined);
    await services.close();
    await deletePrefixKeys(services.config.REDIS_URL, services.config.QUEUE_PREFIX);
  }
});
