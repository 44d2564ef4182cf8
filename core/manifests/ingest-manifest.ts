// Use case: a carrier's or officer's system posts a vessel's manifest to a unit.
// One transaction stores the manifest, its parties, its shipments and their
// pending scoring state (the outbox); jobs are enqueued only after commit.
import { randomUUID } from "node:crypto";
import { copyRows } from "../db/copy-rows.js";
import { withTransaction, type PoolClient } from "../db/pool.js";
import { conflict } from "../errors.js";
import { recordSightings, upsertParties, type PartyUse } from "../parties/upsert-parties.js";
import { enqueueScoring } from "../scoring/enqueue-scoring.js";
import type { UnitScope } from "../auth/principal.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Services } from "../services.js";
import { parsedManifestHash } from "./content-hash.js";
import type { ManifestInput } from "./manifest-schema.js";
import { SHIPMENT_COLUMNS, shipmentParties, shipmentRow } from "./shipment-rows.js";
import { claimIdempotencyKey, saveIdempotentResponse } from "./idempotency.js";
import { unitPortWarnings, type ManifestWarning } from "./unit-port-check.js";

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
  request: { unit: UnitScope; manifest: ManifestInput; idempotencyKey?: string | undefined; actor: AuditActor },
): Promise<IngestResponse> {
  const { unit } = request;
  const hash = parsedManifestHash(request.manifest);
  const stored = await withTransaction(services.pool, async (client): Promise<Stored> => {
    if (request.idempotencyKey) {
      const prior = await claimIdempotencyKey(client, unit.id, request.idempotencyKey, hash);
      if (prior) return { ...(prior as IngestResponse), newShipmentIds: [] };
    }
    const result = await storeManifest(client, services.now(), unit, request.manifest, hash);
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
  return { status: stored.status, body: stored.body };
}

export async function storeManifest(
  client: PoolClient,
  now: Date,
  unit: { id: string; code: string },
  manifest: ManifestInput,
  hash: string,
  lineage: ManifestLineage = FIRST_VERSION,
): Promise<Stored> {
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

  const parties = await upsertParties(client, manifest.shipments.flatMap((s) => Object.values(shipmentParties(s))));
  const rowContext = { unitId: unit.id, manifestId, manifest, parties };
  const rows = manifest.shipments.map((shipment, index) => shipmentRow(shipment, index, rowContext));
  await copyRows(client, "shipment", SHIPMENT_COLUMNS, rows);
  // The outbox rows straight from the ids in memory: no second pass over the shipments. With the queue's
  // filter columns given, migration 0025's insert trigger does not look each shipment up again.
  await copyRows(client, "scoring_state", OUTBOX_COLUMNS,
    rows.map((row) => [row[0], unit.id, "pending", now, now, manifest.arrivalDate, manifest.transportMode, manifestId]));
  // Dated by the shipments' own dates, not by when the manifest came in: two
  // manifests received the same day but arriving months apart must not make
  // the later one's parties look new (partyNew counts from the shipment's date).
  await recordSightings(client, unit.id, partyUses(rows, shipmentDay(manifest, now)));
  return {
    status: 202,
    body: { manifestId, manifestRef: manifest.manifestRef, unitCode: unit.code, shipmentCount: rows.length, status: "accepted", ...warnings },
    newShipmentIds: rows.map((row) => row[0] as string),
  };
}

/** The outbox row of a new shipment: its scoring state and the queue's filter columns (as the shipment row has them). */
export const OUTBOX_COLUMNS = ["shipment_id", "unit_id", "status", "enqueued_at", "updated_at", "arrival_date", "transport_mode", "manifest_id"];

const PARTY_ID_COLUMNS = ["shipper_id", "consignee_id", "notify_id", "forwarder_id", "declarant_id"].map((column) =>
  SHIPMENT_COLUMNS.indexOf(column as (typeof SHIPMENT_COLUMNS)[number]),
);
const ARRIVAL_COLUMN = SHIPMENT_COLUMNS.indexOf("arrival_date");

/** A shipment row's date: its arrival date, else the manifest's departure date, else when the manifest was received. */
function shipmentDay(manifest: ManifestInput, receivedAt: Date): (row: unknown[]) => Date {
  const departure = manifest.departureDate ? new Date(`${manifest.departureDate}T00:00:00Z`) : receivedAt;
  return (row) => {
    const arrival = row[ARRIVAL_COLUMN];
    return typeof arrival === "string" ? new Date(`${arrival}T00:00:00Z`) : departure;
  };
}

/** Per party id: how many shipments used it, and the earliest and latest of their dates. */
function partyUses(rows: unknown[][], dayOf: (row: unknown[]) => Date): Map<string, PartyUse> {
  const uses = new Map<string, PartyUse>();
  for (const row of rows) {
    const day = dayOf(row);
    const ids = new Set(PARTY_ID_COLUMNS.map((column) => row[column]).filter((id): id is string => typeof id === "string"));
    for (const id of ids) {
      const use = uses.get(id);
      if (use === undefined) uses.set(id, { shipments: 1, firstSeen: day, lastSeen: day });
      else {
        use.shipments += 1;
        if (day < use.firstSeen) use.firstSeen = day;
        if (day > use.lastSeen) use.lastSeen = day;
      }
    }
  }
  return uses;
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
