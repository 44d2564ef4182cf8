// An analyst's unit whose labelled year (plantedHistory) was imported through
// the API, with the worker pool that runs its analysis jobs: what the build
// and back-test tests each set up before asking for builds and back-tests.
import request from "supertest";
import { expect } from "vitest";
import { createApp } from "../../api/app.js";
import { startWorkerPool } from "../../workers/pool.js";
import { declarationsCsv, plantedHistory } from "./declarations-csv.js";
import { createTestServices } from "./test-services.js";
import { createTestUnit, createUnitWithBaseline } from "./test-units.js";
import { bearer, createTestUser } from "./test-users.js";
import { waitFor } from "./wait-for.js";

export interface HistoryOptions {
  locode: string;
  /** Starts the unit with the baseline profiles active (BASELINE-SEA v1 and the others). */
  baseline: boolean;
  /** How many declarations of plantedHistory (LATECO9 from day 300) are imported. */
  records: number;
  /** EXPENSIVE_RATE_LIMIT: builds and back-tests a token may ask for per minute. */
  expensiveRateLimit: number;
  /** How long one analysis job may take to succeed or fail. */
  jobTimeoutMs: number;
}

export type AnalysisWithHistory = Awaited<ReturnType<typeof startAnalysisWithHistory>>;

export async function startAnalysisWithHistory(options: HistoryOptions) {
  const services = createTestServices({ EXPENSIVE_RATE_LIMIT: String(options.expensiveRateLimit) });
  const app = createApp(services);
  const workers = startWorkerPool(services);
  const close = async () => {
    await workers.close();
    await services.dispose();
  };
  try {
    const unit = options.baseline ? await createUnitWithBaseline(services, options.locode) : await createTestUnit(services, options.locode);
    const analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
    /** The analysis job's document once it has succeeded or failed. */
    const job = (id: string) =>
      waitFor(async () => {
        const res = await request(app).get(`/v1/units/${unit.code}/analysis-jobs/${id}`).set(bearer(analyst));
        return res.body.status === "succeeded" || res.body.status === "failed" ? res.body : undefined;
      }, { what: `analysis job ${id}`, timeoutMs: options.jobTimeoutMs });
    /** Asks for an analysis under the unit (`/profile-builds`, `/backtests`...): accepted, then succeeded. */
    const run = async (path: string, body: object) => {
      const res = await request(app).post(`/v1/units/${unit.code}${path}`).set(bearer(analyst)).send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const done = await job(res.body.jobId as string);
      expect(done.status, done.error).toBe("succeeded");
      return { jobId: res.body.jobId as string, result: done.result };
    };
    const imported = await request(app)
      .post(`/v1/units/${unit.code}/history-imports`)
      .query({ format: "customs-declarations" })
      .set(bearer(analyst))
      .set("Content-Type", "text/csv")
      .send(declarationsCsv(plantedHistory(options.records, 300)));
    expect(imported.status).toBe(202);
    await job(imported.body.jobId as string);
    return { services, app, unit, analyst, job, run, close };
  } catch (error) {
    await close();
    throw error;
  }
}
