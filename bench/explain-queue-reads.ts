// EXPLAIN (ANALYZE, BUFFERS) of the statements behind the triage board's
// reads (the flagged list's first page with its total, and /queue/counts), as
// the use cases build them: their pool is wrapped so each statement is run
// once under EXPLAIN instead of for its rows. Shared by the benchmarks that
// need to say which query the time goes to; the SQL stays in core/.
import type { Pool } from "pg";
import { listShipments } from "../core/shipments/list-shipments.js";
import type { Services } from "../core/services.js";
import { queueCounts } from "../core/triage/queue-overview.js";
import { refreshBandCutoffs } from "../core/triage/band-cutoffs.js";

export interface ExplainedStatement {
  read: string;
  executionMs: number;
  /** The statement's first line, to tell which one it is. */
  statement: string;
  plan: string[];
}

/** The plans of the board's reads (run after the unit's cut-offs are fresh in this process) for `unit` (flagged only, no other filter, 50 rows as the web app asks; then of one manifest's, when given). */
export async function explainQueueReads(services: Pick<Services, "pool" | "now">, unit: { id: string; code: string }, manifestId?: string): Promise<ExplainedStatement[]> {
  const out: ExplainedStatement[] = [];
  const explaining = (read: string) =>
    ({
      query: async (text: string, params?: unknown[]) => {
        // Writes are not run (the cut-off upsert would store what the explained read did not return).
        if (/\b(INSERT|UPDATE|DELETE)\b/i.test(text)) return { rows: [], rowCount: 0 };
        const result = await services.pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
        const plan = result.rows.map((r) => r["QUERY PLAN"]);
        const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan.at(-1) ?? "")?.[1] ?? NaN);
        out.push({ read, executionMs: ms, statement: text.trim().split("\n")[0]!.slice(0, 120), plan });
        return { rows: [], rowCount: 0 };
      },
    }) as unknown as Pool;
  const scope = { id: unit.id, code: unit.code, country: "", programme: "" };
  // Every few minutes a read first recomputes the unit's band cut-offs (the read part; its upsert is left out).
  await refreshBandCutoffs({ pool: explaining("cutoffRefresh"), now: services.now }, unit.id);
  // The first page: its rows and, at the same time, its total.
  await listShipments({ pool: explaining("firstPage"), now: services.now }, scope, { flagged: true, limit: 50 }).catch(() => undefined);
  await queueCounts({ pool: explaining("counts"), now: services.now }, scope, { flagged: true }).catch(() => undefined);
  // A press on a voyage: the same reads for its manifest.
  if (manifestId) {
    await listShipments({ pool: explaining("vesselPage"), now: services.now }, scope, { flagged: true, manifestId, limit: 50 }).catch(() => undefined);
    await queueCounts({ pool: explaining("vesselCounts"), now: services.now }, scope, { flagged: true, manifestId }).catch(() => undefined);
  }
  return out;
}
