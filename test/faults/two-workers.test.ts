// Horizontal scale: two worker processes share one batch. Both take jobs
// (job.processedBy names the process), nothing is scored twice, and the
// workers' own /metrics add up to the batch.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { manifestProgress, scoredOnce } from "../helpers/scoring-state.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { spawnWorker, stopWorker, type WorkerProcess } from "../helpers/worker-process.js";

let services: TestServices;
const workers: WorkerProcess[] = [];

beforeAll(() => {
  services = createTestServices({ SCORE_CHUNK_SIZE: "50" });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => stopWorker(worker)));
  await services.dispose();
});

test("two worker processes share a batch without double scoring", async () => {
  // Both ask for the same base port: the second takes the next free one.
  const basePort = 20_000 + Math.floor(Math.random() * 20_000);
  // The unit first: the workers sweep it alone (WORKER_UNITS), so they never pick up the shipments other test files
  // of this run leave pending, and the other files' workers (worker-crash's sweep every 2 s) leave this batch alone;
  // every shipment scored here is then this batch's, by these two. A day's grace: their own sweeps do not re-enqueue
  // the batch while its jobs run.
  const unit = await createUnitWithBaseline(services);
  const env = {
    WORKER_CONCURRENCY: "1",
    SCORE_CHUNK_SIZE: "50",
    WORKER_METRICS_PORT: String(basePort),
    RECONCILE_GRACE_SECONDS: "86400",
    WORKER_UNITS: unit.code,
  };
  const ports: number[] = [];
  for (let i = 0; i < 2; i += 1) {
    const worker = spawnWorker(services.config, env);
    worker.child.on("message", (message: { type?: string; metricsPort?: number }) => {
      if (message.type === "ready" && message.metricsPort) ports.push(message.metricsPort);
    });
    workers.push(worker);
  }
  await Promise.all(workers.map((worker) => worker.ready));
  expect(new Set(ports).size).toBe(2);

  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(2000));
  expect(posted.status).toBe(202);
  const progress = await waitFor(async () => {
    const p = await manifestProgress(services, posted.body.manifestId as string);
    return p.scored === 2000 ? p : undefined;
  }, { timeoutMs: 60_000, what: "2000 shipments scored" });
  expect(progress).toMatchObject({ scored: 2000, failed: 0, pending: 0, ...scoredOnce(2000) });

  const completed = await services.queues.scoring.getCompleted(0, 1000);
  const byWorker = new Map<string, number>();
  for (const job of completed) byWorker.set(job.processedBy ?? "?", (byWorker.get(job.processedBy ?? "?") ?? 0) + 1);
  const pids = workers.map((w) => String(w.child.pid));
  expect([...byWorker.keys()].map((name) => name.split(":").pop()).sort()).toEqual(pids.sort());
  for (const count of byWorker.values()) expect(count).toBeGreaterThan(0);

  const scoredBy = await Promise.all(
    ports.map(async (port) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(/^portcullis_shipments_scored_total (\d+)/m.exec(text)?.[1] ?? NaN);
    }),
  );
  expect(scoredBy.every((n) => n > 0)).toBe(true);
  expect(scoredBy.reduce((a, b) => a + b, 0)).toBe(2000);
});
