// WORKER_UNITS: the units a worker process's sweeps cover. Several worker pools
// may run against one database (a port's own pool for its units, or each test
// file's workers in a shared test database); a pool that swept every unit
// would take the others' pending rows, staged manifests and re-score chunks
// into its own queue, where their pool never sees them.
// Scoped: every sweep a worker runs on a timer, i.e. the reconciler (pending
// shipments, re-score chunks, queued analyses, staged manifests) and the
// overdue-referral sweep; each reads rows that belong to one unit. Not scoped:
// the jobs on the queue, which a pool takes whatever their unit (its
// QUEUE_PREFIX is what separates pools), since their producer chose the queue;
// and the deployment-wide reads (the API's backlog metrics, the queue board),
// which report and never take work.
import type { Pool, PoolClient } from "../db/pool.js";

/**
 * The units a sweep covers, as one list for `($n::uuid[] IS NULL OR unit_id = ANY($n::uuid[]))`: `unitId` (one unit,
 * as tests and callers name it), `unitIds` (a worker's WORKER_UNITS; empty sweeps none), both (those in both), or
 * null when neither is given (every unit).
 */
export function sweptUnits(scope: { unitId?: string | undefined; unitIds?: readonly string[] | undefined }): readonly string[] | null {
  if (scope.unitId === undefined) return scope.unitIds ?? null;
  return scope.unitIds === undefined || scope.unitIds.includes(scope.unitId) ? [scope.unitId] : [];
}

/**
 * The ids of the named units, for a sweep's `unitIds`: undefined (every unit) when no code is named, else the ids of
 * those that exist, possibly none. Read at each sweep, so a unit created after the worker started is swept from then on.
 */
export async function sweepUnitIds(db: Pool | PoolClient, codes: readonly string[] | undefined): Promise<string[] | undefined> {
  if (!codes || codes.length === 0) return undefined;
  const found = await db.query<{ id: string }>("SELECT id FROM control_unit WHERE code = ANY($1::text[]) ORDER BY id", [codes]);
  return found.rows.map((row) => row.id);
}

/** The named codes this database has no unit for (the worker warns about them at start-up). */
export async function unknownUnitCodes(db: Pool | PoolClient, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const found = await db.query<{ code: string }>("SELECT code FROM control_unit WHERE code = ANY($1::text[])", [codes]);
  const known = new Set(found.rows.map((row) => row.code));
  return codes.filter((code) => !known.has(code));
}
