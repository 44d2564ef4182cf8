// Large manifests answered before their shipment rows exist (issue 17 point
// 7: the answer for 15,000 containers within 0.7 s). The answer's transaction
// commits the manifest row and its validated content as one compact payload
// (migration 0029); right after the answer the same process (or, as a
// fallback, a maintenance job: expandAfterAnswer) writes the shipment, outbox and
// party rows as a small manifest's own transaction does, in parts of
// EXPANSION_PART lines, each its own transaction whose shipments are enqueued
// for scoring at once: scoring the first part overlaps writing the next. The
// lines written so far are the progress (the next part starts after the
// highest line_no stored), the last part deletes the payload, and each part
// holds the payload row's lock: 202 means committed, a payload row means
// "expanding", and an expansion that runs twice (a retried job, a
// reconciler's copy) writes each line once. A lost job (Redis, a dead
// worker) is re-enqueued by the reconciler once the payload is older than its
// grace, and carries on from the last part committed. An expansion that
// fails MANIFEST_EXPAND_MAX_ATTEMPTS times is marked failed and left alone,
// payload kept, until an operator retries it (expansion-failures.ts).
import { randomBytes } from "node:crypto";
import { withTransaction, type Pool, type PoolClient } from "../db/pool.js";
import { enqueueScoring } from "../scoring/enqueue-scoring.js";
import type { Services } from "../services.js";
import { enqueueExpansion } from "./enqueue-expansion.js";
import { countExpansionFailure, ExpansionGaveUpError } from "./expansion-failures.js";
import { trackExpansion } from "./expansions-in-flight.js";
import { writeShipments } from "./write-shipments.js";
import type { ManifestInput } from "./manifest-schema.js";
import { payloadJson } from "./staged-payload.js";
import { sweptUnits } from "../units/worker-units.js";
import type { ReconcileScope } from "../scoring/reconcile.js";

export { enqueueExpansion } from "./enqueue-expansion.js";

type ExpansionServices = Pick<Services, "pool" | "queues" | "config" | "logger" | "now" | "deployment">;

/** In the manifest's own transaction, after its row: the validated manifest's canonical JSON, compressed (staged-payload.ts). */
export async function stageManifest(client: PoolClient, staged: { manifestId: string; unitId: string; payload: Buffer; now: Date }): Promise<void> {
  await client.query("INSERT INTO manifest_staged (manifest_id, unit_id, payload_brotli, staged_at, enqueued_at) VALUES ($1, $2, $3, $4, $4)", [
    staged.manifestId,
    staged.unitId,
    staged.payload,
    staged.now,
  ]);
}

/**
 * Lines per expansion part. On a quiet 2-core machine one part is faster end to end (15,000 containers:
 * 2.64 s against 3.82 s in parts of 5,000, whose scoring competed with the next part's writes for the
 * cores); parts pay off only under load from other work. Parts stay for resuming after a crash.
 */
export const EXPANSION_PART = 20_000;

interface Loaded {
  unitId: string;
  receivedAt: Date;
  manifest: ManifestInput;
}

/**
 * Writes a staged manifest's shipment rows part by part (see above), each part's
 * scoring enqueued after its commit, and drops the payload with the last part;
 * returns how many shipments this call wrote (0 when it was expanded already).
 * A replaced or cancelled version is expanded too (its shipments stay stored,
 * like any version's), and its pending scoring is skipped as theirs is.
 * `maxParts` stops early, as a crash would (tests).
 */
export async function expandStagedManifest(
  services: ExpansionServices,
  manifestId: string,
  options: { partSize?: number; maxParts?: number; manifest?: ManifestInput } = {},
): Promise<{ shipments: number }> {
  const partSize = options.partSize ?? EXPANSION_PART;
  let loaded: Loaded | undefined;
  let written = 0;
  for (let part = 0; part < (options.maxParts ?? Infinity); part += 1) {
    // A failure counts one attempt on the payload row; the one that reaches the limit marks it failed (expansion-failures.ts).
    const done = await withTransaction(services.pool, async (client) => {
      // The row lock makes a concurrent expansion wait for this part, then carry on after it (or find the row gone).
      const found = await client.query<{ unit_id: string; payload: string | null; payload_brotli: Buffer | null; received_at: Date }>(
        `SELECT st.unit_id, ${loaded || options.manifest ? "" : "st.payload, st.payload_brotli, "}m.received_at FROM manifest_staged st JOIN manifest m ON m.id = st.manifest_id
          WHERE st.manifest_id = $1 AND st.failed_at IS NULL FOR UPDATE OF st`,
        [manifestId],
      );
      const row = found.rows[0];
      // Gone (expanded) or marked failed: an operator's retry clears the mark first.
      if (!row) return null;
      // Written by stageManifest from the parsed manifest: trusted as ManifestInput.
      loaded ??= { unitId: row.unit_id, receivedAt: row.received_at, manifest: options.manifest ?? (JSON.parse(payloadJson(row)) as ManifestInput) };
      const next = await client.query<{ from: number }>("SELECT coalesce(max(line_no) + 1, 0)::int AS from FROM shipment WHERE manifest_id = $1", [manifestId]);
      const from = next.rows[0]!.from;
      const to = Math.min(from + partSize, loaded.manifest.shipments.length);
      const ids = await writeShipments(client, loaded.unitId, manifestId, loaded.manifest, { now: services.now(), receivedAt: loaded.receivedAt }, { from, to });
      const last = to >= loaded.manifest.shipments.length;
      if (last) await client.query("DELETE FROM manifest_staged WHERE manifest_id = $1", [manifestId]);
      return { ids, from, last };
    }).catch(async (error: unknown) => {
      throw await countExpansionFailure(services, manifestId, error);
    });
    if (!done) break;
    written += done.ids.length;
    if (done.ids.length > 0) await enqueueScoring(services, loaded!.unitId, done.ids, "ingest", `ingest-${manifestId}-${done.from}`);
    if (done.last) break;
  }
  return { shipments: written };
}

/**
 * How long the fallback job waits before it looks: an expansion by the answering process takes a second or two
 * for 15,000 lines on a quiet machine, and the job finds the payload gone (a no-op) once it has.
 */
export const FALLBACK_DELAY_MS = 30_000;

/**
 * Right after the answer, the process that parsed the manifest writes its rows itself (MANIFEST_EXPAND_IN_API):
 * no hand-off to a worker, no second read and parse of the payload. A delayed job is the fallback when this
 * process dies or the expansion fails; it waits on the payload row's lock, then finds it gone or carries on
 * from the last part committed. Without the setting (or when enqueueing fails) the job alone expands it.
 */
export function expandAfterAnswer(services: ExpansionServices, manifestId: string, manifest: ManifestInput): void {
  if (!services.config.MANIFEST_EXPAND_IN_API) {
    void enqueueExpansion(services, manifestId);
    return;
  }
  trackExpansion(enqueueExpansion(services, manifestId, `expand-${manifestId}`, FALLBACK_DELAY_MS));
  // After the answer is written: the expansion's row building must not hold it back.
  const work = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
    expandStagedManifest(services, manifestId, { manifest }).catch((error: unknown) => {
      // At the limit (MANIFEST_EXPAND_MAX_ATTEMPTS=1) it is marked failed and logged as such already.
      if (!(error instanceof ExpansionGaveUpError)) services.logger.warn({ err: error, manifestId }, "expansion after the answer failed; the fallback job will finish it");
    }),
  );
  trackExpansion(work);
}

/**
 * Re-enqueues the expansion of payloads older than the grace period (their job was lost), not failed ones; returns
 * how many. `unitId` or `unitIds` (a worker's WORKER_UNITS; an empty list sweeps none) keep it to those units.
 */
export async function reconcileStagedManifests(
  services: ExpansionServices,
  scope: ReconcileScope = {},
): Promise<number> {
  const now = services.now();
  const cutoff = new Date(now.getTime() - (scope.graceSeconds ?? services.config.RECONCILE_GRACE_SECONDS) * 1_000);
  // SKIP LOCKED: a payload being expanded right now is not due.
  const due = await services.pool.query<{ manifest_id: string }>(
    `UPDATE manifest_staged SET enqueued_at = $2 WHERE manifest_id IN (
       SELECT manifest_id FROM manifest_staged WHERE enqueued_at < $1 AND failed_at IS NULL AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))
        ORDER BY enqueued_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
     RETURNING manifest_id`,
    [cutoff, now, sweptUnits(scope)],
  );
  // A fresh job id per sweep: a kept failed copy of an earlier job must not swallow this one.
  const sweep = `${now.getTime()}-${randomBytes(3).toString("hex")}`;
  for (const row of due.rows) await enqueueExpansion(services, row.manifest_id, `expand-${row.manifest_id}-r${sweep}`);
  if (due.rows.length > 0) services.logger.info({ manifests: due.rows.length }, "reconciler re-enqueued manifest expansions");
  return due.rows.length;
}

export type ManifestState =
  | { state: "expanding" | "stored" }
  /** Its expansion failed MANIFEST_EXPAND_MAX_ATTEMPTS times: the payload is kept until an operator's retry. */
  | { state: "failed"; failure: { reason: string; attempts: number; failedAt: Date } };

/** "expanding" while a manifest's payload waits to be written as shipment rows, "failed" when its expansion gave up, else "stored". */
export async function manifestState(db: Pool | PoolClient, manifestId: string): Promise<ManifestState> {
  return (await manifestStates(db, [manifestId])).get(manifestId) ?? { state: "stored" };
}

/** The state of each of these manifests that is not simply stored (one index read for a page of a list). */
export async function manifestStates(db: Pool | PoolClient, manifestIds: readonly string[]): Promise<Map<string, ManifestState>> {
  const found = await db.query<{ manifest_id: string; attempts: number; last_error: string | null; failed_at: Date | null }>(
    "SELECT manifest_id, attempts, last_error, failed_at FROM manifest_staged WHERE manifest_id = ANY($1::uuid[])",
    [manifestIds],
  );
  return new Map(
    found.rows.map((row): [string, ManifestState] => [
      row.manifest_id,
      row.failed_at ? { state: "failed", failure: { reason: row.last_error ?? "", attempts: row.attempts, failedAt: row.failed_at } } : { state: "expanding" },
    ]),
  );
}
