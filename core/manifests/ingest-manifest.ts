// Use case: a carrier's or officer's system posts a vessel's manifest to a unit.
// One transaction stores the manifest, its parties, its shipments and their
// pending scoring state (the outbox); jobs are enqueued only after commit.
// A large manifest from a caller that allows it (`expandLater`) is committed
// as the manifest row plus one compact payload instead, and answered; the
// answering process writes its shipment rows right after, with a worker job as
// the fallback (staged-manifests.ts).
import { randomUUID } from "node:crypto";
import { withTransaction, type PoolClient } from "../db/pool.js";
import { conflict } from "../errors.js";
import { enqueueScoring } from "../scoring/enqueue-scoring.js";
import type { UnitScope } from "../auth/principal.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Services } from "../services.js";
import type { ManifestInput } from "./manifest-schema.js";
import { writeShipments } from "./write-shipments.js";
import { claimIdempotencyKey, saveIdempotentResponse } from "./idempotency.js";
import { unitPortWarnings, type ManifestWarning } from "./unit-port-check.js";
import { expandAfterAnswer, stageManifest } from "./staged-manifests.js";
import { payloadCompressor } from "./staged-payload.js";
import { hashManifestJson } from "./manifest-json-pieces.js";

/** The outbox columns, where the floor bench (bench/required-writes.ts) has always found them. */
export { OUTBOX_COLUMNS } from "./write-shipments.js";

export interface IngestResponse {
  status: 200 | 202;
  body: {
    manifestId: string;
    manifestRef: string;
    unitCode: string;
    shipmentCount: number;
    status: "accepted" | "duplicate";
    /** Stored anyway, but worth a look: e.g. the unit's port is not on the manifest's route (unit-port-check.ts). Absent when none. */
    warnings?: ManifestWarning[];
    /** "expanding": accepted and committed, its shipment rows are being written by a worker (GET the manifest for its state). Absent otherwise. */
    state?: "expanding";
  };
}

export interface Stored extends IngestResponse {
  newShipmentIds: string[];
}

/** Which version of its reference a manifest is: 1 as first received, then one more per CUSCAR replacement (core/edifact). */
export interface ManifestLineage {
  version: number;
  previousVersionId: string | null;
}

const FIRST_VERSION: ManifestLineage = { version: 1, previousVersionId: null };

export async function ingestManifest(
  services: Services,
  request: {
    unit: UnitScope;
    manifest: ManifestInput;
    idempotencyKey?: string | undefined;
    actor: AuditActor;
    /** Allows answering a manifest of MANIFEST_STAGED_FROM shipments or more before its shipment rows are written (the HTTP and CUSCAR paths). */
    expandLater?: boolean;
  },
): Promise<IngestResponse> {
  const { unit } = request;
  // The parsed manifest's JSON is canonical (content-hash.ts): hashed, and kept compressed as the staged payload.
  // Written a few shipments at a time into a kept buffer (manifest-json-pieces.ts): the compressor works on each
  // piece in the thread pool while the next is written, and no 15 MB text or fresh buffer is made for a
  // 15,000-container manifest.
  const compressor = request.expandLater === true && request.manifest.shipments.length >= services.config.MANIFEST_STAGED_FROM ? payloadCompressor() : undefined;
  const hash = hashManifestJson(request.manifest, compressor);
  // Awaited by storeManifest only when it stages; a transaction that ends before that must not leave it unhandled.
  compressor?.payload.catch(() => undefined);
  const stored = await withTransaction(services.pool, async (client): Promise<Stored & { staged?: true }> => {
    if (request.idempotencyKey) {
      const prior = await claimIdempotencyKey(client, unit.id, request.idempotencyKey, hash);
      if (prior) return { ...(prior as IngestResponse), newShipmentIds: [] };
    }
    const result = await storeManifest(client, services.now(), unit, request.manifest, hash, FIRST_VERSION, compressor);
    if (result.status === 202) {
      await recordAudit(client, request.actor, {
        action: "manifest.ingested",
        entityType: "manifest",
        entityId: result.body.manifestId,
        unitId: unit.id,
        details: { manifestRef: result.body.manifestRef, shipmentCount: result.body.shipmentCount },
      });
    }
    if (request.idempotencyKey) await saveIdempotentResponse(client, unit.id, request.idempotencyKey, { status: result.status, body: result.body });
    return result;
  });
  if (stored.newShipmentIds.length > 0) {
    await enqueueScoring(services, unit.id, stored.newShipmentIds, "ingest", `ingest-${stored.body.manifestId}`);
  }
  // Only when this request staged it (not a repeat of an earlier answer). Not awaited: the answer does not wait for
  // the expansion, and a lost fallback job is harmless (the reconciler re-enqueues payloads past their grace).
  if (stored.staged) expandAfterAnswer(services, stored.body.manifestId, request.manifest);
  return { status: stored.status, body: stored.body };
}

export async function storeManifest(
  client: PoolClient,
  now: Date,
  unit: { id: string; code: string },
  manifest: ManifestInput,
  hash: string,
  lineage: ManifestLineage = FIRST_VERSION,
  staged?: { payload: Promise<Buffer> },
): Promise<Stored & { staged?: true }> {
  const manifestId = randomUUID();
  // No conflict target: a parallel re-send may meet either unique index first ((unit, ref, version) or the
  // one current version per reference); naming one let the other raise a 500 under concurrency.
  const inserted = await client.query(
    `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, carrier_scac, carrier_name, vessel_imo, vessel_name,
       voyage, flight_number, port_of_loading, transshipment_ports, port_of_discharge, departure_date, arrival_date,
       manifest_filed_at, manifest_amended_at, shipment_count, content_hash, received_at, version, previous_version_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      manifestId, unit.id, manifest.manifestRef, manifest.transportMode, manifest.carrier?.scac ?? null,
      manifest.carrier?.name ?? null, manifest.vessel?.imo ?? null, manifest.vessel?.name ?? null,
      manifest.vessel?.voyage ?? null, manifest.flightNumber ?? null, manifest.portOfLoading,
      manifest.transshipmentPorts, manifest.portOfDischarge, manifest.departureDate ?? null, manifest.arrivalDate,
      manifest.manifestFiledAt ?? null, manifest.manifestAmendedAt ?? null, manifest.shipments.length, hash, now,
      lineage.version, lineage.previousVersionId,
    ],
  );
  const warnings = await portWarnings(client, unit.id, manifest);
  if (!inserted.rowCount) return existingManifest(client, unit, manifest, hash, lineage.version, warnings);
  const body = { manifestId, manifestRef: manifest.manifestRef, unitCode: unit.code, shipmentCount: manifest.shipments.length, status: "accepted" as const, ...warnings };
  if (staged) {
    await stageManifest(client, { manifestId, unitId: unit.id, payload: await staged.payload, now });
    return { status: 202, body: { ...body, state: "expanding" }, newShipmentIds: [], staged: true };
  }
  return { status: 202, body, newShipmentIds: await writeShipments(client, unit.id, manifestId, manifest, { now, receivedAt: now }) };
}

/** The unit's LOCODE (control_unit.locode, one per unit). */
export async function unitLocode(client: Pick<PoolClient, "query">, unitId: string): Promise<string> {
  const found = await client.query<{ locode: string }>("SELECT locode FROM control_unit WHERE id = $1", [unitId]);
  return found.rows[0]!.locode;
}

/** `{ warnings }` when the unit's port is not on the manifest's route, else nothing (the answer keeps its shape). */
async function portWarnings(client: PoolClient, unitId: string, manifest: ManifestInput): Promise<{ warnings?: ManifestWarning[] }> {
  const warnings = unitPortWarnings(manifest, await unitLocode(client, unitId));
  return warnings.length > 0 ? { warnings } : {};
}

/** The same manifest reference again: harmless when the content is the same, a conflict otherwise. */
async function existingManifest(client: PoolClient, unit: { code: string; id: string }, manifest: ManifestInput, hash: string, version: number, warnings: { warnings?: ManifestWarning[] }): Promise<Stored> {
  const found = await client.query<{ id: string; content_hash: string; shipment_count: number }>(
    "SELECT id, content_hash, shipment_count FROM manifest WHERE unit_id = $1 AND manifest_ref = $2 AND version = $3",
    [unit.id, manifest.manifestRef, version],
  );
  const row = found.rows[0]!;
  if (row.content_hash !== hash) {
    throw conflict(`manifestRef ${manifest.manifestRef} was already received with different content`, {
      manifestId: row.id,
      errors: [{ path: "manifestRef", message: "already received with different content; amendments need a new manifestRef" }],
    });
  }
  return {
    status: 200,
    body: { manifestId: row.id, manifestRef: manifest.manifestRef, unitCode: unit.code, shipmentCount: row.shipment_count, status: "duplicate", ...warnings },
    newShipmentIds: [],
  };
}
