// Loads the demo's year of work (plan-demo-year.ts, plan-demo-referrals.ts)
// into the database with COPY, in one transaction: about 3,300 past
// shipments, 1,800 inspections, 130 seizures and their referrals; then the
// shipments are scored with the unit's active profile versions as live
// scoring would have on their day (score-demo-year.ts), so the assessments,
// their evidence and the profile list's figures are the real scorer's. Past
// shipments get no scoring state: they are not queued for scoring, and
// officers' queues stay on the current voyages. The overdue referrals are
// then marked by the same sweep as in production.
import { createHash } from "node:crypto";
import { seededRandom } from "../../fixtures/seeded-random.js";
import { recordAudit } from "../audit/record-audit.js";
import { copyRows, type CopyValue } from "../db/copy-rows.js";
import { withTransaction, type PoolClient } from "../db/pool.js";
import { partyKey } from "../../profiling/features/normalize.js";
import { recordSightings, upsertParties, type PartyUse } from "../parties/upsert-parties.js";
import { sweepOverdueReferrals } from "../referrals/sweep-overdue.js";
import type { Services } from "../services.js";
import { DEMO_YEAR } from "./demo-year-catalog.js";
import { planReferrals, type PlannedReferral } from "./plan-demo-referrals.js";
import { planUnitYear, type IndicatorDef, type UnitYearPlan } from "./plan-demo-year.js";
import { scoreDemoYear } from "./score-demo-year.js";

const SEED = 20_170_101;

export interface DemoYearCounts {
  shipments: number;
  /** Assessments the active profile versions gave the past shipments, and how many of them selected their shipment. */
  assessments: number;
  selected: number;
  inspections: number;
  seizures: number;
  referrals: number;
}

/** Who recorded a unit's work: its demo officer where there is one. */
export type UnitRecorders = ReadonlyMap<string, { userId: string; username: string }>;

interface UnitContext {
  id: string;
  code: string;
  /** The baseline's indicators for the unit's mode: the planner estimates what its risk signals are worth from them. */
  definition: { indicators?: IndicatorDef[] };
}

async function unitContexts(client: PoolClient): Promise<Map<string, UnitContext>> {
  // The baseline for the unit's transport mode: the year is planned for it (every active version scores it).
  const rows = await client.query<{ id: string; code: string; profile: string; definition: UnitContext["definition"] }>(
    `SELECT u.id, u.code, rp.code AS profile, pv.definition
       FROM control_unit u JOIN risk_profile rp ON rp.unit_id = u.id JOIN profile_version pv ON pv.profile_id = rp.id AND pv.status = 'active'
      WHERE rp.code IN ('BASELINE-SEA', 'BASELINE-AIR')`,
  );
  const contexts = new Map<string, UnitContext>();
  for (const row of rows.rows) {
    const air = DEMO_YEAR.find((u) => u.unitCode === row.code)?.mode === "air";
    if ((row.profile === "BASELINE-AIR") === air) contexts.set(row.code, { id: row.id, code: row.code, definition: row.definition });
  }
  return contexts;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

async function writeUnit(client: PoolClient, unit: UnitContext, plan: UnitYearPlan, referrals: PlannedReferral[], agencies: Map<string, string>, unitIds: Map<string, string>, recorder: { userId: string; username: string } | undefined): Promise<{ assessed: number; selected: number }> {
  const mode = DEMO_YEAR.find((u) => u.unitCode === unit.code)?.mode ?? "sea";
  const manifests: CopyValue[][] = [];
  const shipments: CopyValue[][] = [];
  // Parties and their sightings as a manifest ingest records them: the back-test and the live
  // scoring read "first seen" and seizure links from these, so without them every party reads new.
  const partyIds = await upsertParties(client, plan.manifests.flatMap((m) => m.shipments.flatMap((s) => [s.shipper, s.consignee])));
  const idOf = (party: { name: string; country: string }) => partyIds.get(partyKey(party) ?? "")?.id ?? null;
  const uses = new Map<string, PartyUse>();
  for (const m of plan.manifests) {
    const arrival = new Date(`${day(m.arrival)}T00:00:00Z`);
    for (const s of m.shipments) {
      for (const id of new Set([idOf(s.shipper), idOf(s.consignee)])) {
        if (id === null) continue;
        const use = uses.get(id);
        if (use === undefined) uses.set(id, { shipments: 1, firstSeen: arrival, lastSeen: arrival });
        else {
          use.shipments += 1;
          if (arrival < use.firstSeen) use.firstSeen = arrival;
          if (arrival > use.lastSeen) use.lastSeen = arrival;
        }
      }
    }
  }
  for (const m of plan.manifests) {
    const air = mode === "air";
    const voyage = m.ref.split("-")[1] ?? null;
    manifests.push([m.id, unit.id, m.ref, mode, m.lane.carrier.scac, m.lane.carrier.name, m.lane.carrier.imo, m.lane.carrier.vessel, air ? null : voyage,
      air ? voyage : null, m.lane.from, m.lane.via, m.lane.to, day(m.departure), day(m.arrival), m.departure, m.shipments.length,
      createHash("sha256").update(m.ref).digest("hex"), m.departure]);
    for (const s of m.shipments) {
      const parties = { shipper: s.shipper, consignee: s.consignee };
      shipments.push([s.id, unit.id, "manifest", m.id, s.lineNo, s.billOfLading, s.containerNumber, s.cargo.containerType, mode, m.lane.from, m.lane.via,
        m.lane.to, day(m.arrival), parties, s.shipper.name, s.consignee.name, [s.cargo.hs], s.goodsDescription, s.packages, s.cargo.packageType,
        s.grossKg, s.valueUsd, "USD", m.lane.origin, m.lane.from.slice(0, 2), s.freightTerms, m.departure, idOf(s.shipper), idOf(s.consignee)]);
    }
  }
  await copyRows(client, "manifest", ["id", "unit_id", "manifest_ref", "transport_mode", "carrier_scac", "carrier_name", "vessel_imo", "vessel_name", "voyage",
    "flight_number", "port_of_loading", "transshipment_ports", "port_of_discharge", "departure_date", "arrival_date", "manifest_filed_at", "shipment_count",
    "content_hash", "received_at"], manifests);
  await copyRows(client, "shipment", ["id", "unit_id", "source", "manifest_id", "line_no", "bill_of_lading", "container_number", "container_type", "transport_mode",
    "port_of_loading", "transshipment_ports", "port_of_discharge", "arrival_date", "parties", "shipper_name", "consignee_name", "hs_codes", "goods_description",
    "packages", "package_type", "gross_weight_kg", "declared_value", "currency", "country_of_origin", "country_of_departure", "freight_terms", "created_at",
    "shipper_id", "consignee_id"], shipments);
  await recordSightings(client, unit.id, uses);

  const def = DEMO_YEAR.find((u) => u.unitCode === unit.code);
  const customs = agencies.get(def?.customs ?? "") ?? null;
  const police = agencies.get(def?.police ?? "") ?? null;
  const agencyOnly = new Set(plan.seizures.filter((z) => z.agencyOnly).map((z) => z.inspectionId));
  await copyRows(client, "inspection", ["id", "shipment_id", "unit_id", "outcome", "commodity", "methods", "inspected_at", "inspected_by", "sharing", "owner_agency_id",
    "selection", "recorded_by", "created_at"], plan.inspections.map((i) => [i.id, i.shipmentId, unit.id, i.outcome, i.commodity, i.methods, i.at,
    recorder?.username ?? null, agencyOnly.has(i.id) ? "agency" : "unit", agencyOnly.has(i.id) ? police : customs, i.selection, recorder?.userId ?? null, i.at]));
  await copyRows(client, "seizure", ["id", "unit_id", "inspection_id", "shipment_id", "commodity", "description", "quantity", "quantity_unit", "concealment",
    "detection_method", "agencies", "persons_arrested", "seized_at", "sharing", "owner_agency_id", "recorded_by", "created_at"], plan.seizures.map((z) => [z.id,
    unit.id, z.inspectionId, z.shipmentId, z.commodity, z.description, z.quantity, z.quantityUnit, z.concealment, z.detectionMethod, z.agencies,
    z.personsArrested, z.at, z.agencyOnly ? "agency" : "unit", z.agencyOnly ? police : customs, recorder?.userId ?? null, z.at]));
  await copyRows(client, "referral", ["id", "seizure_id", "unit_id", "recipient_kind", "recipient_name", "recipient_unit_id", "notice_type", "status", "outcome",
    "due_at", "sent_at", "acknowledged_at", "last_update_at", "created_by", "created_at"], referrals.map((r) => [r.id, r.seizureId, unit.id, r.recipientKind,
    r.recipientName || (r.recipientUnitCode ?? ""), r.recipientUnitCode ? (unitIds.get(r.recipientUnitCode) ?? null) : null, r.noticeType, r.status,
    r.outcome, r.dueAt, r.sentAt, r.acknowledgedAt, r.lastUpdateAt, recorder?.userId ?? null, r.createdAt]));
  await copyRows(client, "referral_event", ["id", "referral_id", "from_status", "to_status", "note", "at", "actor_id", "actor_name"], referrals.flatMap((r) =>
    r.events.map((e, n) => [`${r.id.slice(0, 24)}${String(n).padStart(12, "0")}`, r.id, e.from, e.to, e.note, e.at, recorder?.userId ?? null, recorder?.username ?? "demo-data"])));
  // Scored once the sightings and seizures are in: "new party", seizure links and value medians are read as of each shipment's day.
  const scored = await scoreDemoYear(client, unit, plan.manifests.map((m) => ({ receivedAt: m.departure, shipmentIds: m.shipments.map((s) => s.id) })));
  await recordAudit(client, { name: "demo-data" }, {
    action: "demo.year_loaded", entityType: "unit", entityId: unit.id, unitId: unit.id,
    details: { manifests: manifests.length, shipments: shipments.length, assessments: scored.assessed, selected: scored.selected, inspections: plan.inspections.length, seizures: plan.seizures.length, referrals: referrals.length },
  });
  return scored;
}

/** Loads the year into the demo units that exist; returns what was written. */
export async function loadDemoYear(services: Pick<Services, "pool" | "now" | "logger">, recorders: UnitRecorders = new Map()): Promise<DemoYearCounts> {
  const now = services.now();
  const today = new Date(`${day(now)}T00:00:00Z`);
  const counts: DemoYearCounts = { shipments: 0, assessments: 0, selected: 0, inspections: 0, seizures: 0, referrals: 0 };
  await withTransaction(services.pool, async (client) => {
    const contexts = await unitContexts(client);
    const agencies = new Map((await client.query<{ code: string; id: string }>("SELECT code, id FROM agency")).rows.map((r) => [r.code, r.id]));
    const unitIds = new Map([...contexts.values()].map((u) => [u.code, u.id]));
    for (const [index, unit] of DEMO_YEAR.entries()) {
      const context = contexts.get(unit.unitCode);
      if (!context) continue;
      const plan = planUnitYear(SEED + index, unit, today, context.definition.indicators ?? []);
      const referrals = planReferrals(seededRandom(SEED + 100 + index), unit.unitCode, plan.seizures, now);
      const scored = await writeUnit(client, context, plan, referrals, agencies, unitIds, recorders.get(unit.unitCode));
      counts.assessments += scored.assessed;
      counts.selected += scored.selected;
      counts.shipments += plan.manifests.reduce((sum, m) => sum + m.shipments.length, 0);
      counts.inspections += plan.inspections.length;
      counts.seizures += plan.seizures.length;
      counts.referrals += referrals.length;
    }
  });
  await sweepOverdueReferrals(services);
  return counts;
}
