// The floor under any end-to-end figure: only the writes the data model
// requires for one manifest, issued with the product's own write code on one
// connection. The shipments go in with COPY together with their outbox rows
// (one transaction, foreign keys and the queue's indexes in place), then each
// scoring chunk locks its outbox rows and writes its assessments and verdicts
// (core/scoring/write-assessments.ts). The scores are computed beforehand with
// the real profile, outside the timing: no HTTP, JSON, validation, hashing,
// party upsert, read-back, scoring or queue time is in this figure.
import { scoreWithProfiles } from "../profiling/combine.js";
import { copyRows } from "../core/db/copy-rows.js";
import { withTransaction } from "../core/db/pool.js";
import { uuidV7 } from "../core/ids.js";
import { OUTBOX_COLUMNS } from "../core/manifests/ingest-manifest.js";
import { outboxRow } from "../core/manifests/write-shipments.js";
import type { ManifestInput } from "../core/manifests/manifest-schema.js";
import { SHIPMENT_COLUMNS, shipmentRow } from "../core/manifests/shipment-rows.js";
import { loadActiveVersions } from "../core/scoring/active-profiles.js";
import { lockPending } from "../core/scoring/score-shipments.js";
import { loadScoringContext } from "../core/scoring/scoring-context.js";
import { loadShipmentInputs, toShipmentInput } from "../core/scoring/shipment-input.js";
import { writeAssessments, type ShipmentOutcome } from "../core/scoring/write-assessments.js";
import type { Services } from "../core/services.js";

export async function requiredWritesMs(services: Services, unitId: string, manifest: ManifestInput, run: number): Promise<number> {
  const { ingestMs, scoringMs } = await requiredWrites(services, unitId, manifest, run);
  return ingestMs + scoringMs;
}

export interface RequiredWriteTimes {
  ingestMs: number;
  scoringMs: number;
  /** With `cpuMs`: its growth over each part (read outside the timed parts). */
  ingestCpuMs?: number;
  scoringCpuMs?: number;
}

/**
 * The same writes, the ingest's (shipments and outbox) and the scoring's (assessments and verdicts) timed apart;
 * `cpuMs`, when given, is read before and after each part (e.g. the database backends' CPU plus this process's).
 */
export async function requiredWrites(services: Services, unitId: string, manifest: ManifestInput, run: number, cpuMs?: () => Promise<number>): Promise<RequiredWriteTimes> {
  const now = services.now();
  const manifestId = uuidV7();
  const rows = manifest.shipments.map((shipment, index) => shipmentRow(shipment, index, { unitId, manifestId, manifest, parties: new Map() }));
  const ids = rows.map((row) => row[0] as string);

  const ingestCpuBefore = await cpuMs?.();
  const ingestStarted = performance.now();
  await withTransaction(services.pool, async (client) => {
    await client.query(
      `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, port_of_loading, port_of_discharge, arrival_date, shipment_count, content_hash, received_at)
       VALUES ($1, $2, $3, 'sea', $4, $5, $6, $7, 'floor', $8)`,
      [manifestId, unitId, `FLOOR-${run}-${manifestId}`, manifest.portOfLoading, manifest.portOfDischarge, manifest.arrivalDate, ids.length, now],
    );
    await copyRows(client, "shipment", SHIPMENT_COLUMNS, rows);
    await copyRows(client, "scoring_state", OUTBOX_COLUMNS, rows.map((row) => outboxRow(row, { unitId, manifestId, manifest, now })));
  });
  const ingestMs = performance.now() - ingestStarted;
  const ingestCpuAfter = await cpuMs?.();

  // Real results for these rows, computed untimed.
  const versions = await loadActiveVersions(services.pool, unitId);
  const client = await services.pool.connect();
  const outcomes = new Map<string, ShipmentOutcome>();
  try {
    const loaded = await loadShipmentInputs(client, ids);
    const ctx = await loadScoringContext(client, unitId, [...new Set(loaded.flatMap((s) => s.partyIds))], now);
    for (const { id, row } of loaded) outcomes.set(id, { shipmentId: id, combined: scoreWithProfiles(versions, toShipmentInput(row), ctx) });
  } finally {
    client.release();
  }

  const chunk = services.config.SCORE_CHUNK_SIZE;
  const scoringCpuBefore = await cpuMs?.();
  const scoringStarted = performance.now();
  for (let start = 0; start < ids.length; start += chunk) {
    const batch = ids.slice(start, start + chunk);
    await withTransaction(services.pool, async (tx) => {
      await lockPending(tx, batch);
      await writeAssessments(tx, unitId, batch.map((id) => outcomes.get(id)!), now, services.config.SCORE_MAX_ATTEMPTS);
    });
  }
  const scoringMs = performance.now() - scoringStarted;
  const scoringCpuAfter = await cpuMs?.();
  if (ingestCpuBefore === undefined || ingestCpuAfter === undefined || scoringCpuBefore === undefined || scoringCpuAfter === undefined) return { ingestMs, scoringMs };
  return { ingestMs, scoringMs, ingestCpuMs: ingestCpuAfter - ingestCpuBefore, scoringCpuMs: scoringCpuAfter - scoringCpuBefore };
}
