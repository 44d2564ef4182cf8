// Use case: score one shipment of the unit, its latest manifest shipments
// (up to 1,000, by arrival date), or a posted sample of up to 1,000
// shipments, with a stored version or an unsaved document, and show
// what officers would see: score, band, selection and the matched
// indicators with their evidence. Nothing is written.
import { compileProfile, type CompiledProfile, type ScoreResult } from "../../profiling/dsl/compile.js";
import type { ScoringContext, ShipmentInput } from "../../profiling/shipment.js";
import type { UnitScope } from "../auth/principal.js";
import { notFound } from "../errors.js";
import { loadScoringContext } from "../scoring/scoring-context.js";
import { loadShipmentInputs, toShipmentInput } from "../scoring/shipment-input.js";
import type { Services } from "../services.js";
import type { DryRunTargetInput } from "./profile-schemas.js";
import { checkDefinition, compileStoredVersion, findProfile, findVersion } from "./profile-store.js";
import { sampleShipmentInput, samplePartyKeys } from "./sample-shipments.js";

export type DryRunSource = { profileCode: string; version: number } | { definition: unknown };

interface Scorer {
  compiled: CompiledProfile;
  versionId: string;
  version: number | null;
  status: string | null;
}

async function scorerFor(services: Pick<Services, "pool">, unit: UnitScope, source: DryRunSource): Promise<Scorer> {
  if ("definition" in source) {
    // An unsaved document draws its random selection under a fixed pseudo version id.
    return { compiled: compileProfile(checkDefinition(source.definition, "definition")), versionId: "dry-run", version: null, status: null };
  }
  const profile = await findProfile(services.pool, unit.id, source.profileCode);
  const row = await findVersion(services.pool, profile, source.version);
  return { compiled: compileStoredVersion(row), versionId: row.id, version: row.version, status: row.status };
}

/** The unit's own stored shipments, in the order of `ids`. */
async function storedShipments(services: Pick<Services, "pool">, unit: UnitScope, ids: string[], now: Date): Promise<{ shipments: ShipmentInput[]; ctx: ScoringContext }> {
  const client = await services.pool.connect();
  try {
    const loaded = await loadShipmentInputs(client, ids);
    const order = new Map(ids.map((id, index) => [id, index]));
    loaded.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    // The context's queries run in parallel: on the pool, not on this one client.
    const ctx = await loadScoringContext(services.pool, unit.id, [...new Set(loaded.flatMap((s) => s.partyIds))], now);
    return { shipments: loaded.map((s) => toShipmentInput(s.row)), ctx: { ...ctx, unitCode: unit.code } };
  } finally {
    client.release();
  }
}

async function shipmentsFor(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  target: DryRunTargetInput,
): Promise<{ shipments: ShipmentInput[]; ctx: ScoringContext }> {
  const now = services.now();
  if (target.shipmentId) {
    const owned = await services.pool.query("SELECT 1 FROM shipment WHERE id = $1 AND unit_id = $2", [target.shipmentId, unit.id]);
    if (!owned.rowCount) throw notFound(`shipment ${target.shipmentId}`);
    return storedShipments(services, unit, [target.shipmentId], now);
  }
  if (target.recent) {
    // Manifest shipments only: history records are past inspections, not the traffic a profile will see.
    const latest = await services.pool.query<{ id: string }>(
      `SELECT id FROM shipment WHERE unit_id = $1 AND source = 'manifest'
        ORDER BY arrival_date DESC NULLS LAST, created_at DESC, manifest_id, line_no LIMIT $2`,
      [unit.id, target.recent.limit],
    );
    return storedShipments(services, unit, latest.rows.map((row) => row.id), now);
  }
  const sample = target.sample!;
  const shipments = sample.shipments.map((s, index) => sampleShipmentInput(sample.voyage, s, index));
  const known = await services.pool.query<{ id: string }>("SELECT id FROM party WHERE identity_key = ANY($1::text[])", [samplePartyKeys(shipments)]);
  const ctx = await loadScoringContext(services.pool, unit.id, known.rows.map((row) => row.id), now);
  return { shipments, ctx: { ...ctx, unitCode: unit.code } };
}

const BANDS = ["high", "medium", "low"] as const;

export async function dryRunProfile(services: Pick<Services, "pool" | "now">, unit: UnitScope, source: DryRunSource, target: DryRunTargetInput) {
  const scorer = await scorerFor(services, unit, source);
  const { shipments, ctx } = await shipmentsFor(services, unit, target);
  const results = shipments.map((shipment, index) => {
    const result: ScoreResult = scorer.compiled.score(shipment, ctx, { shipmentId: shipment.id, versionId: scorer.versionId });
    if (target.shipmentId) return { shipmentId: shipment.id, ...result };
    const line = { billOfLading: shipment.billOfLading, containerNumber: shipment.containerNumber ?? null };
    return target.recent ? { shipmentId: shipment.id, ...line, arrivalDate: shipment.arrivalDate ?? null, ...result } : { index, ...line, ...result };
  });
  const byBand = Object.fromEntries(BANDS.map((band) => [band, results.filter((r) => r.band === band).length]));
  return {
    profileCode: scorer.compiled.profile.code,
    version: scorer.version,
    status: scorer.status,
    summary: {
      shipments: results.length,
      applicable: results.filter((r) => r.applicable).length,
      selected: results.filter((r) => r.selected).length,
      random: results.filter((r) => r.random).length,
      byBand: { ...byBand, none: results.filter((r) => r.band === null).length },
    },
    results,
  };
}
