// A year of a demo unit's work as plain rows, from a seed and the day it is
// loaded: one voyage (or flight) a week, its shipments, the boxes inspected
// (chosen by the profile, at random, on intelligence or by the officer) and
// what the hits seized. Pure: the same seed and day give the same rows, ids
// included. No assessment is planned: the loader scores the shipments with the
// unit's active profile (score-demo-year.ts). A box the profile is to select
// carries risk signals in its own data (a front consignee paying freight
// collect, a generic description, a low declared value, an implausible weight)
// that the baseline profiles' indicators read; the scorer decides. The
// traders come from pools of many exporters and importers per route and
// goods, most declaring their number (demo-year-parties.ts).
// Referrals: plan-demo-referrals.ts.
import { awbCheckDigit } from "../../profiling/features/air-waybill.js";
import { containerCheckDigit, describeContainerType } from "../../profiling/features/iso6346.js";
import { seededRandom, type SeededRandom } from "../../fixtures/seeded-random.js";
import { exporters, importers, partyFor, type DemoParty } from "./demo-year-parties.js";
import { DETECTION, HIT_RATE, SELECTIONS, type Cargo, type Commodity, type Concealment, type DemoUnitYear, type Lane } from "./demo-year-catalog.js";
import { uuidV4Shaped } from "../ids.js";

const DAY = 86_400_000;
const WEEKS = 52;

export interface IndicatorDef {
  code: string;
  label: string;
  points: number;
}

export interface PlannedShipment {
  id: string;
  manifestId: string;
  lineNo: number;
  billOfLading: string;
  containerNumber: string | null;
  cargo: Cargo;
  packages: number;
  grossKg: number;
  valueUsd: number;
  /** The exporter and importer, from the route's pools of traders (demo-year-parties.ts); a front consignee is a one-off name without a number. */
  shipper: DemoParty;
  consignee: DemoParty;
  goodsDescription: string;
  freightTerms: "prepaid" | "collect";
  /** The risk signals put in the shipment's data (the loader's scoring finds them, or not). */
  signals: RiskSignal[];
}

/**
 * Risk signals a box can carry, each in its own data: frontConsignee (a
 * consignee never seen before, freight collect), genericDescription ("said to
 * contain"), undervalued (a fifth of the usual value per kg), overweight (over
 * the container's payload, or over 40 kg a box by air; the value per kg kept).
 */
export type RiskSignal = "frontConsignee" | "genericDescription" | "undervalued" | "overweight";
const SIGNALS: readonly RiskSignal[] = ["frontConsignee", "genericDescription", "undervalued", "overweight"];
/** The baseline profiles' indicators each signal should fire, for the planner's estimate of the points it adds. */
const SIGNAL_CODES: Record<RiskSignal, readonly string[]> = {
  frontConsignee: ["NEW_CONSIGNEE", "COLLECT_NEW_PARTY"],
  genericDescription: ["GENERIC_DESC"],
  undervalued: ["VALUE_ANOMALY"],
  overweight: ["WEIGHT_IMPLAUSIBLE", "KG_PER_PIECE"],
};
/** Countries of the baseline's source routes: a lane from them starts with route points (SRC_ROUTE, SRC_ORIGIN, FRUIT_REEFER_SRC). */
const SOURCE_COUNTRIES = new Set(["EC", "CO", "PE", "BO", "VE", "PA", "BR"]);
const ROUTE_CODES = ["SRC_ROUTE", "SRC_ORIGIN"];

export interface PlannedManifest {
  id: string;
  ref: string;
  lane: Lane;
  departure: Date;
  arrival: Date;
  shipments: PlannedShipment[];
}

export interface PlannedInspection {
  id: string;
  shipmentId: string;
  outcome: "nothing_found" | "seizure" | "irregularity";
  methods: string[];
  at: Date;
  selection: keyof typeof HIT_RATE;
  commodity: Commodity | null;
}

export interface PlannedSeizure {
  id: string;
  inspectionId: string;
  shipmentId: string;
  commodity: Commodity;
  description: string;
  quantity: number;
  quantityUnit: string;
  concealment: Concealment;
  detectionMethod: string;
  agencies: string[];
  personsArrested: number;
  at: Date;
  /** The police agency keeps a few seizures to itself (sharing `agency`). */
  agencyOnly: boolean;
}

export interface UnitYearPlan {
  unitCode: string;
  manifests: PlannedManifest[];
  inspections: PlannedInspection[];
  seizures: PlannedSeizure[];
}

/** A v4-shaped UUID from the seeded generator, so reloading gives the same ids. */
export function seededUuid(rng: SeededRandom): string {
  const word = () => Math.floor(rng.next() * 0x1_0000_0000).toString(16).padStart(8, "0");
  return uuidV4Shaped(`${word()}${word()}${word()}${word()}`);
}

/** Lognormal draw (Box–Muller) around a median, clamped. */
function lognormal(rng: SeededRandom, median: number, sigma: number, min: number, max: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
}

const countryOf = (locode: string) => locode.slice(0, 2);
const OWNERS: Record<string, string> = { HLCU: "HLBU", MAEU: "MSKU" };
const AIRLINE_PREFIX: Record<string, string> = { KL: "074", LA: "045", IB: "075" };

function containerNumber(rng: SeededRandom, scac: string): string {
  const first10 = `${OWNERS[scac] ?? "TGHU"}${String(rng.int(0, 999_999)).padStart(6, "0")}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

function airWaybill(rng: SeededRandom, airline: string): string {
  const serial = String(rng.int(1_000_000, 9_999_999));
  return `${AIRLINE_PREFIX[airline] ?? "999"}-${serial}${awbCheckDigit(serial)}`;
}

const FRONTS = ["NORDIC FRESH TRADING", "EUROLINK IMPORT", "ATLAS GLOBAL FOODS", "PRIME HARVEST DISTRIBUTION", "BLUE OCEAN COMMODITIES", "VERDE LOGISTICS"];
const LEGAL_FORM: Record<string, string> = { BE: "BVBA", NL: "BV", ES: "S.L.", US: "LLC" };

/** The points the unit's profile should give a box before any signal: its route (and fruit in a reefer from a source region). An estimate: the scorer decides. */
function routePoints(defs: readonly IndicatorDef[], lane: Lane, cargo: Cargo): number {
  const points = (codes: readonly string[]) => defs.filter((d) => codes.includes(d.code)).reduce((sum, d) => sum + d.points, 0);
  if (!SOURCE_COUNTRIES.has(lane.origin)) return 0;
  const fruitReefer = /^08(0[3-7]|10)/.test(cargo.hs) && (cargo.containerType ?? "").charAt(2) === "R";
  return points(ROUTE_CODES) + (fruitReefer ? points(["FRUIT_REEFER_SRC"]) : 0);
}

/** Signals in a random order until their estimated points reach `target` (or none is left). */
function signalsFor(rng: SeededRandom, defs: readonly IndicatorDef[], target: number): RiskSignal[] {
  const chosen: RiskSignal[] = [];
  const pool = [...SIGNALS];
  let points = 0;
  while (points < target && pool.length > 0) {
    const signal = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
    chosen.push(signal);
    points += defs.filter((d) => SIGNAL_CODES[signal].includes(d.code)).reduce((sum, d) => sum + d.points, 0);
  }
  return chosen;
}

function planShipment(rng: SeededRandom, unit: DemoUnitYear, manifestId: string, lineNo: number, lane: Lane, defs: readonly IndicatorDef[], selectedWanted: boolean): PlannedShipment {
  const cargo = rng.pick(lane.cargo);
  const packages = rng.int(cargo.packages[0], cargo.packages[1]);
  const netKg = packages * cargo.kgPerPackage;
  // A box to be selected carries signals worth the selection threshold (60) over its route's points; the others mostly nothing or a weak signal.
  const target = selectedWanted ? rng.int(60, 80) - routePoints(defs, lane, cargo) : rng.weighted([[0, 6], [rng.int(10, 15), 3], [rng.int(25, 30), 1]]);
  const signals = target > 0 ? signalsFor(rng, defs, target) : [];
  const has = (signal: RiskSignal) => signals.includes(signal);
  const origin = lane.origin;
  const consigneeCountry = countryOf(lane.to);
  let grossKg = Math.round(netKg * 1.08);
  let valueUsd = Math.round(netKg * cargo.usdPerKg * rng.between(0.8, 1.2) * (has("undervalued") ? rng.between(0.1, 0.2) : 1) * 100) / 100;
  if (has("overweight")) {
    // Over the container's payload (or over 40 kg a box by air); the value grows with the weight, so its value per kg says nothing.
    const payload = cargo.containerType === null ? undefined : describeContainerType(cargo.containerType)?.maxPayloadKg;
    const heavier = payload === undefined ? Math.round(packages * rng.between(45, 70)) : Math.round(payload * rng.between(1.1, 1.3));
    valueUsd = Math.round(valueUsd * (heavier / grossKg) * 100) / 100;
    grossKg = heavier;
  }
  return {
    id: seededUuid(rng),
    manifestId,
    lineNo,
    billOfLading: unit.mode === "air" ? airWaybill(rng, lane.carrier.scac) : `${lane.carrier.scac}${lane.from.slice(2)}${rng.int(100_000_000, 999_999_999)}`,
    containerNumber: unit.mode === "air" ? null : containerNumber(rng, lane.carrier.scac),
    cargo,
    packages,
    grossKg,
    valueUsd,
    // One draw each, as the picks from the old five-name lists took, so the voyages, inspections and seizures stay as they were.
    shipper: partyFor(exporters(origin, cargo.hs), rng.next()),
    consignee: has("frontConsignee")
      ? { name: `${rng.pick(FRONTS)} ${rng.int(100, 999)} ${LEGAL_FORM[consigneeCountry] ?? "LTD"}`, country: consigneeCountry }
      : partyFor(importers(consigneeCountry, cargo.hs), rng.next()),
    goodsDescription: has("genericDescription") ? `SAID TO CONTAIN ${cargo.description}` : cargo.description,
    freightTerms: has("frontConsignee") ? "collect" : "prepaid",
    signals,
  };
}

/** Plans one unit's year ending the day before `today` (UTC midnight). */
export function planUnitYear(seed: number, unit: DemoUnitYear, today: Date, defs: readonly IndicatorDef[]): UnitYearPlan {
  const rng = seededRandom(seed);
  // Draws of their own for the front exporters of seized loads, so the voyages, inspections and seizures stay as they were.
  const fronts = seededRandom(seed + 7_919);
  const plan: UnitYearPlan = { unitCode: unit.unitCode, manifests: [], inspections: [], seizures: [] };
  for (let week = WEEKS; week >= 1; week--) {
    const lane = rng.weighted(unit.lanes);
    const arrival = new Date(today.getTime() - week * 7 * DAY + rng.int(0, 6) * DAY);
    const departure = new Date(arrival.getTime() - (unit.mode === "air" ? 1 : rng.int(12, 22)) * DAY);
    const manifestId = seededUuid(rng);
    const voyage = unit.mode === "air" ? `${lane.carrier.scac}${rng.int(100, 999)}` : `${rng.int(100, 699)}${rng.pick(["E", "W", "N", "S"])}`;
    const ref = `${lane.carrier.scac}-${voyage}-${lane.from}-${lane.to}-${arrival.toISOString().slice(0, 10).replaceAll("-", "")}`;
    // Volumes grow ~30 % over the year, so the latest period compares with the one before.
    const count = Math.round(unit.weeklyShipments * (0.85 + (0.3 * (WEEKS - week)) / WEEKS) * rng.between(0.9, 1.1));
    const inspectedCount = Math.round(count * unit.inspectedShare);
    const selections = Array.from({ length: inspectedCount }, () => rng.weighted(SELECTIONS));
    const shipments = Array.from({ length: count }, (_, i) =>
      // The first boxes are the inspected ones; a few more selected boxes go uninspected (capacity).
      planShipment(rng, unit, manifestId, i, lane, defs, i < inspectedCount ? selections[i] === "profile" : rng.chance(0.04)),
    );
    plan.manifests.push({ id: manifestId, ref, lane, departure, arrival, shipments });
    selections.forEach((selection, i) => planInspection(rng, fronts, unit, plan, shipments[i]!, selection, arrival, today));
  }
  return plan;
}

const FRONT_EXPORTERS = ["EXPORTADORA", "COMERCIALIZADORA", "AGROEXPORT", "INVERSIONES", "DISTRIBUIDORA"];
const FRONT_TRADES = ["DEL PACIFICO", "ANDINA", "DEL SUR", "SAN JOSE", "LOS ANDES", "LA ESPERANZA", "NUEVO HORIZONTE"];

function planInspection(rng: SeededRandom, fronts: SeededRandom, unit: DemoUnitYear, plan: UnitYearPlan, shipment: PlannedShipment, selection: keyof typeof HIT_RATE, arrival: Date, today: Date): void {
  // The last voyage's boxes are still being opened: nothing is dated after the load day began.
  const at = new Date(Math.min(arrival.getTime() + rng.int(0, 2) * DAY + rng.int(12, 22) * 3_600_000, today.getTime() - 8 * 3_600_000));
  const hit = rng.chance(HIT_RATE[selection]);
  const outcome = hit ? "seizure" : rng.chance(0.04) ? "irregularity" : "nothing_found";
  const methods = hit ? ["scan", "physical"] : rng.weighted<string[]>([[["scan"], 5], [["scan", "physical"], 3], [["physical"], 1], [["documentary"], 1]]);
  const inspection: PlannedInspection = { id: seededUuid(rng), shipmentId: shipment.id, outcome, methods, at, selection, commodity: null };
  plan.inspections.push(inspection);
  if (!hit) return;
  const kind = rng.weighted(unit.seizures);
  const concealment = rng.weighted(kind.concealment);
  inspection.commodity = kind.commodity;
  // A load hidden by its senders mostly travels under an exporter set up for it, seen once; a rip-on/rip-off load
  // rides in a real trader's box without its knowledge. So a past seizure's parties are seldom the unit's regular traders.
  if (concealment !== "rip_on_rip_off" && fronts.chance(0.7)) {
    shipment.shipper = { name: `${fronts.pick(FRONT_EXPORTERS)} ${fronts.pick(FRONT_TRADES)} ${fronts.int(10, 99)} S.A.S.`, country: shipment.shipper.country };
  }
  const quantity = lognormal(rng, kind.median, kind.sigma, kind.min, kind.max);
  // Rip-on/rip-off loads are mostly collected by nobody: arrests are rarer there.
  const arrests = concealment === "rip_on_rip_off" ? rng.weighted([[0, 7], [rng.int(1, 3), 3]]) : rng.weighted([[0, 4], [rng.int(1, 4), 6]]);
  plan.seizures.push({
    id: seededUuid(rng),
    inspectionId: inspection.id,
    shipmentId: shipment.id,
    commodity: kind.commodity,
    description: `${kind.description} (${shipment.cargo.description.toLowerCase()})`,
    quantity: kind.unit === "kg" || kind.unit === "l" ? Math.round(quantity * 10) / 10 : Math.round(quantity),
    quantityUnit: kind.unit,
    concealment,
    detectionMethod: rng.weighted(DETECTION[selection]),
    agencies: rng.chance(0.7) ? [unit.customs, unit.police] : [unit.customs],
    personsArrested: arrests,
    at: new Date(at.getTime() + rng.int(1, 6) * 3_600_000),
    agencyOnly: rng.chance(0.08),
  });
}
