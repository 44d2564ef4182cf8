// Use case: one shipment as an officer opens it — the manifest data, the
// scoring state, and every assessment with its indicators and evidence: those
// of the profile versions in force first (the queue's reasons and score come
// from them alone), then those of retired versions, each saying it is no
// longer in force and since when.
import { notFound } from "../errors.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { visibleWhere } from "../auth/sharing-filter.js";
import type { Services } from "../services.js";
import { voyageView } from "../manifests/voyage-view.js";
import { isUuid } from "../ids.js";
import { CUTOFF_JOIN_SQL, EFFECTIVE_BAND_SQL, ensureFreshCutoffs } from "../triage/band-cutoffs.js";
import { DEFAULT_TARGET } from "../triage/selection-targets.js";


export async function getShipment(services: Pick<Services, "prisma" | "pool" | "now">, unit: UnitScope, principal: Principal, shipmentId: string) {
  // Another unit's shipment, or no shipment: the same 404, so ids leak nothing.
  if (!isUuid(shipmentId)) throw notFound(`shipment ${shipmentId}`);
  const shipment = await services.prisma.shipment.findFirst({
    where: { id: shipmentId, unitId: unit.id },
    include: {
      manifest: true,
      scoring: true,
      assessments: { include: { profileVersion: { include: { profile: true } } }, orderBy: { score: "desc" } },
      // Agency-only records reach members of the owning agency only.
      inspections: {
        where: visibleWhere(principal),
        orderBy: { inspectedAt: "desc" },
      },
    },
  });
  if (!shipment) throw notFound(`shipment ${shipmentId}`);
  const { manifest, scoring, assessments, inspections } = shipment;
  const lane = await effectiveBand(services, unit.id, shipment.id);
  return {
    id: shipment.id,
    unitCode: unit.code,
    source: shipment.source,
    lineNo: shipment.lineNo,
    manifest: manifest && voyageView(manifest),
    billOfLading: shipment.billOfLading,
    houseBillOfLading: shipment.houseBillOfLading,
    containerNumber: shipment.containerNumber,
    containerType: shipment.containerType,
    sealNumbers: shipment.sealNumbers,
    isEmpty: shipment.isEmpty,
    parties: shipment.parties,
    hsCodes: shipment.hsCodes,
    goodsDescription: shipment.goodsDescription,
    packages: shipment.packages,
    packageType: shipment.packageType,
    grossWeightKg: shipment.grossWeightKg,
    netWeightKg: shipment.netWeightKg,
    declaredValue: shipment.declaredValue === null ? null : { amount: shipment.declaredValue, currency: shipment.currency },
    countryOfOrigin: shipment.countryOfOrigin,
    countryOfDeparture: shipment.countryOfDeparture,
    freightTerms: shipment.freightTerms,
    bookingDate: shipment.bookingDate?.toISOString().slice(0, 10) ?? null,
    stuffingLocation: shipment.stuffingLocation,
    placeOfDelivery: shipment.placeOfDelivery,
    attributes: shipment.attributes,
    /** The band the queue shows (the unit's lanes when it has cut-offs); scoring.band is the profile's own. */
    band: lane?.band ?? null,
    /** The unit's lanes this band comes from, or null when the profile's bands apply (too few scored containers). */
    lanes: lane?.lanes ?? null,
    scoring: scoring && {
      status: scoring.status,
      score: scoring.score,
      band: scoring.band,
      selected: scoring.selected,
      random: scoring.random,
      attempts: scoring.attempts,
      lastError: scoring.lastError,
      scoredAt: scoring.scoredAt,
    },
    assessments: inForceFirst(assessments).map((a) => ({
      profile: {
        code: a.profileVersion.profile.code,
        name: a.profileVersion.profile.name,
        version: a.profileVersion.version,
        versionId: a.profileVersionId,
        rationale: rationaleOf(a.profileVersion.definition),
        /** The version's status now: "active" is in force; "retired" was replaced or withdrawn (retiredAt says when). */
        status: a.profileVersion.status,
        retiredAt: a.profileVersion.retiredAt,
      },
      /** Whether its version is in force: only those give the queue its reasons and the container its score. */
      inForce: a.profileVersion.status === "active",
      score: a.score,
      band: a.band,
      selected: a.selected,
      random: a.random,
      indicators: a.indicators,
      scoredAt: a.scoredAt,
    })),
    inspections: inspections.map((i) => ({
      id: i.id,
      outcome: i.outcome,
      commodity: i.commodity,
      methods: i.methods,
      inspectedAt: i.inspectedAt,
      inspectedBy: i.inspectedBy,
      notes: i.notes,
      sharing: i.sharing,
    })),
  };
}

/**
 * The assessments of versions in force first, highest score first (as the
 * queue takes its reasons), then the others, the latest retired first: after a
 * re-score a retired version's reasons must not read as the current ones.
 */
function inForceFirst<T extends { score: number; profileVersion: { status: string; retiredAt: Date | null } }>(assessments: T[]): T[] {
  const retiredAt = (a: T) => a.profileVersion.retiredAt?.getTime() ?? 0;
  const rank = (a: T) => (a.profileVersion.status === "active" ? 0 : 1);
  return [...assessments].sort((a, b) => rank(a) - rank(b) || (rank(a) === 1 ? retiredAt(b) - retiredAt(a) : 0) || b.score - a.score);
}

function rationaleOf(definition: unknown): string | null {
  if (definition && typeof definition === "object" && "rationale" in definition) {
    const rationale = (definition as { rationale?: unknown }).rationale;
    return typeof rationale === "string" ? rationale : null;
  }
  return null;
}

/**
 * The shipment's band as the queue computes it (the same SQL and cut-off
 * join), so the container page and the queue never disagree, with the unit's
 * lane shares that explain it when they differ from the profile's band.
 */
async function effectiveBand(services: Pick<Services, "pool" | "now">, unitId: string, shipmentId: string) {
  await ensureFreshCutoffs(services, unitId);
  const result = await services.pool.query<{ band: string | null; hold_cutoff: number | null; documentary_cutoff: number | null; hold_share: number; documentary_share: number }>(
    `SELECT ${EFFECTIVE_BAND_SQL} AS band, c.hold_cutoff, c.documentary_cutoff,
            COALESCE(u.hold_share, $3) AS hold_share, COALESCE(u.documentary_share, $4) AS documentary_share
       FROM scoring_state st ${CUTOFF_JOIN_SQL}
       LEFT JOIN unit_selection_target u ON u.unit_id = st.unit_id AND u.transport_mode = st.transport_mode
      WHERE st.shipment_id = $1 AND st.unit_id = $2`,
    [shipmentId, unitId, DEFAULT_TARGET.holdShare, DEFAULT_TARGET.documentaryShare],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    band: row.band,
    lanes: row.hold_cutoff === null || row.documentary_cutoff === null ? null : {
      holdShare: Number(row.hold_share),
      documentaryShare: Number(row.documentary_share),
      holdCutoff: row.hold_cutoff,
      documentaryCutoff: row.documentary_cutoff,
    },
  };
}
