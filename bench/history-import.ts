// History import of train.csv + valid.csv (45,519 rows) on a throwaway
// database: upload streamed into PostgreSQL, then the history_import job run
// in this process (as a worker would), then a profile build job on the result.
// Prints one JSON object.
//
//   npx tsx bench/history-import.ts
import { createReadStream } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runAnalysisJob } from "../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../core/analysis/analysis-runners.js";
import { parseConfig } from "../core/config.js";
import { receiveHistoryUpload } from "../core/history/receive-history-upload.js";
import { createServices } from "../core/services.js";
import { withBenchDatabase } from "./bench-database.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

const dataDir = process.env.CUSTOMS_DATA_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/data/customs-declarations");

await withBenchDatabase(async (url) => {
  const services = createServices(parseConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", QUEUE_PREFIX: `bench-${Date.now()}` }), "bench");
  try {
    const unit = await services.prisma.controlUnit.create({ data: { code: "KRPUS-BENCH", locode: "KRPUS", name: "Bench", country: "KR", kind: "seaport" } });
    const scope = { id: unit.id, code: unit.code, country: "KR", programme: "CCP" };
    const figures: Record<string, unknown> = {};
    let rows = 0;
    const t0 = performance.now();
    for (const file of ["train.csv", "valid.csv"]) {
      const t = performance.now();
      const answer = await receiveHistoryUpload(services, {
        unit: scope, format: "customs-declarations", contentType: "text/csv", contentLength: undefined,
        body: createReadStream(resolve(dataDir, file)), actor: { name: "bench" },
      });
      const uploadMs = performance.now() - t;
      await runAnalysisJob(services, answer.body.jobId!, ANALYSIS_RUNNERS);
      const done = await services.pool.query<{ rows_imported: number; status: string }>("SELECT rows_imported, status FROM history_import WHERE id = $1", [answer.body.importId]);
      rows += done.rows[0]!.rows_imported;
      figures[file] = { bytes: answer.body.bytes, uploadMs: Math.round(uploadMs), totalMs: Math.round(performance.now() - t), imported: done.rows[0]!.rows_imported, status: done.rows[0]!.status };
    }
    const importMs = performance.now() - t0;
    const build = await services.pool.query<{ id: string }>(
      "INSERT INTO analysis_job (id, unit_id, kind, params) VALUES (gen_random_uuid(), $1, 'build', $2) RETURNING id",
      [unit.id, JSON.stringify({ from: "2020-01-01", to: "2021-03-31", evaluateFrom: "2021-01-01" })],
    );
    const tb = performance.now();
    await runAnalysisJob(services, build.rows[0]!.id, ANALYSIS_RUNNERS);
    const buildMs = performance.now() - tb;
    const job = await services.pool.query<{ status: string; error: string | null; result: { backtest: { precisionAtTop: unknown; recallAtTop: unknown } } | null }>(
      "SELECT status, error, result FROM analysis_job WHERE id = $1",
      [build.rows[0]!.id],
    );
    const j = job.rows[0]!;
    console.log(
      JSON.stringify({
        import: { rows, ms: Math.round(importMs), rowsPerSecond: Math.round(rows / (importMs / 1000)), files: figures },
        buildJob: { status: j.status, error: j.error, ms: Math.round(buildMs), evaluateFrom: "2021-01-01", precisionAtTop: j.result?.backtest.precisionAtTop, recallAtTop: j.result?.backtest.recallAtTop },
      }),
    );
  } finally {
    await services.close();
    await deletePrefixKeys(services.config.REDIS_URL, services.config.QUEUE_PREFIX);
  }
});
