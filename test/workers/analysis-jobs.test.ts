// The analysis job machinery on real PostgreSQL and Redis: a job runs on the
// worker pool, reports progress, stores its result or its error.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createAnalysisJob, getAnalysisJob } from "../../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../../core/analysis/analysis-runners.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit } from "../helpers/test-units.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool;
const saved = { ...ANALYSIS_RUNNERS };

beforeAll(() => {
  services = createTestServices();
  pool = startWorkerPool(services);
});
afterAll(async () => {
  Object.assign(ANALYSIS_RUNNERS, saved);
  await pool.close();
  await services.dispose();
});

test("a job runs, reports progress and stores its result; a failing one stores its error", async () => {
  const seen: number[] = [];
  ANALYSIS_RUNNERS.compare = async (_services, job, progress) => {
    for (const step of [0.25, 0.5, 1]) await progress(step);
    seen.push(1);
    return { echoed: job.params };
  };
  ANALYSIS_RUNNERS.rescore = () => Promise.reject(new Error("history too thin for this date range"));
  const unit = await createTestUnit(services);
  const ok = await createAnalysisJob(services, { unitId: unit.id, kind: "compare", params: { a: 1 } });
  const bad = await createAnalysisJob(services, { unitId: unit.id, kind: "rescore", params: {} });
  const scope = { ...unit, country: "BE", programme: "CCP" };
  const done = await waitFor(async () => {
    const job = await getAnalysisJob(services, scope, ok.id);
    return job.status === "succeeded" ? job : undefined;
  }, { what: "analysis job" });
  expect(done).toMatchObject({ progress: 1, result: { echoed: { a: 1 } }, kind: "compare" });
  const failed = await waitFor(async () => {
    const job = await getAnalysisJob(services, scope, bad.id);
    return job.status === "failed" ? job : undefined;
  }, { what: "failed analysis job" });
  expect(failed?.error).toBe("history too thin for this date range");
  expect(seen).toEqual([1]);
});
