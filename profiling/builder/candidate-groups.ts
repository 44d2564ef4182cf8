// Every candidate indicator the builder knows, for any unit's history: the
// route, the goods in their container, the parties and how new they are,
// links to past seizures, value per kg against its HS code's median, freight
// terms, process flags and the history's own free attributes. Candidates
// whose fields the history lacks drop out (candidatesFor), so a declarations
// history and a container history share one catalog.
import type { Condition } from "../dsl/profile-types.js";
import type { PartyRole } from "../shipment.js";
import type { FeatureGroupSpec, TableGroupSpec } from "./feature-catalog.js";

// Chosen on time splits inside the training periods (customs-declarations
// 2020 Jan–Sep / Oct–Dec; the seeded container history's own months), never
// on a period reported as a result. Pairs are shrunk harder than single
// values: they split the evidence thinner.
const SINGLE = { penalty: 2, minCount: 3 } as const;
const PAIR = { penalty: 4, minCount: 4 } as const;
const BANDS = { penalty: 3 } as const;
const FLAG = { penalty: 0.3, minCount: 5 } as const;

const table = (code: string, label: string, noun: string, key: string[], tune: { penalty: number; minCount: number } = SINGLE): TableGroupSpec => ({ kind: "table", code, label, noun, key, ...tune });

const ROLE_NAMES: Record<PartyRole, string> = { shipper: "Shipper", consignee: "Consignee", notify: "Notify party", forwarder: "Forwarder", declarant: "Declarant" };

/** Bands of a numeric field within each value of a key: "this HS subheading at about this weight". */
function keyWithinBands(code: string, label: string, key: string[], field: string, edges: readonly number[], unit: string): TableGroupSpec[] {
  const bounds = [undefined, ...edges, undefined];
  const out: TableGroupSpec[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const min = bounds[b];
    const max = bounds[b + 1];
    const parts: Condition[] = [];
    if (min !== undefined) parts.push({ op: "gte", field, value: min });
    if (max !== undefined) parts.push({ op: "lt", field, value: max });
    const range = min === undefined ? `below ${max} ${unit}` : max === undefined ? `${min} ${unit} or more` : `${min} to under ${max} ${unit}`;
    out.push({
      kind: "table",
      code: `${code}.B${String(b + 1).padStart(2, "0")}`,
      label: `${label} ${range}`,
      noun: `HS subheading at ${range}`,
      key,
      when: parts.length === 1 ? parts[0]! : { op: "all", of: parts },
      ...PAIR,
    });
  }
  return out;
}

// Log-spaced: each band is a similar relative step. A kilo more on a parcel
// is a large change, on a 20-tonne container none.
const MASS_EDGES = [1, 3, 10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000];

/** Source and transit countries the domain brief names for cocaine (e.g. ECGYE, COCTG, PAMIT, BRSSZ). */
const SOURCE_REGION = ["EC", "CO", "PE", "BO", "VE", "PA", "BR", "CR", "GY", "SR", "DO", "JM"];

const PARTY_ROLES_LEARNED: PartyRole[] = ["shipper", "consignee", "notify", "forwarder", "declarant"];

function partyGroups(): FeatureGroupSpec[] {
  const out: FeatureGroupSpec[] = [];
  // A party by its registered id; where it has none, by its name without
  // legal-form suffixes (the profile language normalises names the same way).
  // Identity keys cannot be table keys: they hold the '|' that joins key parts.
  for (const role of PARTY_ROLES_LEARNED) {
    const name = ROLE_NAMES[role];
    const code = role.toUpperCase();
    out.push(table(`${code}_ID`, `${name}'s record in past inspections (by id)`, `${name} id`, [`${role}.id`]));
    out.push({ ...table(`${code}_NAME`, `${name}'s record in past inspections (by name, no id given)`, name, [`${role}.name`]), when: { op: "missing", field: `${role}.id` } });
  }
  out.push(
    table("SHIPPER_COUNTRY", "Shipper's country", "Shipper country", ["shipper.country"]),
    table("FORWARDER_COUNTRY", "Forwarder's country", "Forwarder country", ["forwarder.country"]),
    table("SHIPPER_CONSIGNEE", "Shipper with this consignee", "Shipper x consignee", ["shipper.name", "consignee.name"], PAIR),
    table("CONSIGNEE_FORWARDER", "Consignee with this forwarder", "Consignee x forwarder", ["consignee.name", "forwarder.name"], PAIR),
    table("SHIPPER_CONSIGNEE_ID", "Shipper with this consignee (by id)", "Shipper id x consignee id", ["shipper.id", "consignee.id"], PAIR),
    table("CONSIGNEE_DECLARANT_ID", "Consignee with this declarant (by id)", "Consignee id x declarant id", ["consignee.id", "declarant.id"], PAIR),
    table("CONSIGNEE_HS4", "Consignee with this HS heading", "Consignee x HS heading", ["consignee.name", "hs:4"], PAIR),
    table("CONSIGNEE_ID_HS4", "Consignee with this HS heading (by id)", "Consignee id x HS heading", ["consignee.id", "hs:4"], PAIR),
    table("DECLARANT_ID_HS4", "Declarant with this HS heading (by id)", "Declarant id x HS heading", ["declarant.id", "hs:4"], PAIR),
  );
  // Novelty: nested windows, so a party first seen last week matches all three.
  // Priors (log-odds before the unit's evidence) where the domain brief names
  // the indicator: new shippers and consignees, links to past seizures.
  const NOVELTY_PRIOR: Record<string, Record<number, number>> = { shipper: { 30: 0.2, 90: 0.4 }, consignee: { 30: 0.2, 90: 0.4 }, notify: { 90: 0.2 }, forwarder: { 90: 0.2 } };
  for (const role of ["shipper", "consignee", "notify", "forwarder"] as const) {
    for (const days of [30, 90, 365]) {
      out.push({ kind: "flag", code: `NEW_${role.toUpperCase()}_${days}D`, label: `${ROLE_NAMES[role]} first seen within ${days} days`, noun: `${ROLE_NAMES[role]} new (${days} days)`, when: { op: "partyNew", role, days }, warmupDays: days, ...FLAG, prior: NOVELTY_PRIOR[role]?.[days] ?? 0 });
    }
  }
  out.push(
    { kind: "flag", code: "SEIZURE_LINK_PARTY", label: "A party of a past seizure", noun: "Party of a past seizure", when: { op: "partySeizureLinked", role: "any" }, ...FLAG, prior: 0.7 },
    { kind: "flag", code: "SEIZURE_LINK_CONSIGNEE", label: "Consignee of a past seizure", noun: "Consignee of a past seizure", when: { op: "partySeizureLinked", role: "consignee" }, ...FLAG },
    { kind: "flag", code: "SEIZURE_LINK_SHIPPER", label: "Shipper of a past seizure", noun: "Shipper of a past seizure", when: { op: "partySeizureLinked", role: "shipper" }, ...FLAG },
    // In a busy unit a forwarder on hundreds of shipments makes most parties
    // "associates"; leaving the flag out above a quarter of the boxes (maxShare)
    // was tried and cost 4-5 points of precision at the top 1-5 % on three
    // seeded histories, so it stays, and officers see it on many boxes.
    { kind: "flag", code: "SEIZURE_ASSOCIATE", label: "A party that shared a shipment with a party of a past seizure", noun: "Associate of a past seizure", when: { op: "partySeizureLinked", role: "any", degree: 2 }, ...FLAG, prior: 0.4 },
    { kind: "flag", code: "FORWARDER_AS_CONSIGNEE", label: "Forwarder named as consignee", noun: "Forwarder as consignee", when: { op: "partyIsForwarder" }, ...FLAG, prior: 0.3 },
  );
  return out;
}

function routeGroups(): FeatureGroupSpec[] {
  return [
    table("LOADING_PORT", "Port of loading", "Loading port", ["portOfLoading"]),
    table("LOADING_COUNTRY", "Country of the port of loading", "Loading country", ["derived.loadingCountry"]),
    { kind: "values", code: "VIA_PORT", label: "Transshipped in", noun: "Transshipment port", field: "transshipmentPorts", ...SINGLE },
    { kind: "values", code: "ROUTE_COUNTRY", label: "Route touches a port of", noun: "Route country", field: "derived.routeCountries", ...SINGLE },
    table("LOADING_VIA", "Port of loading with first transshipment port", "Loading x transshipment port", ["portOfLoading", "transshipmentPorts"], PAIR),
    table("TRANSSHIPMENTS", "Number of transshipments", "Transshipments", ["derived.transshipmentCount"]),
    table("DISCHARGE_PORT", "Port of discharge", "Discharge port", ["portOfDischarge"]),
    table("CARRIER", "Carrier", "Carrier", ["carrierScac"]),
  ];
}

function goodsGroups(): FeatureGroupSpec[] {
  return [
    table("HS2", "HS chapter", "HS chapter", ["hs:2"]),
    table("HS4", "HS heading", "HS heading", ["hs:4"]),
    table("HS6", "HS subheading", "HS subheading", ["hs:6"]),
    table("ORIGIN", "Country of origin", "Origin", ["countryOfOrigin"]),
    table("DEPARTURE", "Country of departure", "Departure country", ["countryOfDeparture"]),
    table("HS2_ORIGIN", "HS chapter from this origin", "HS chapter x origin", ["hs:2", "countryOfOrigin"], PAIR),
    table("HS4_ORIGIN", "HS heading from this origin", "HS heading x origin", ["hs:4", "countryOfOrigin"], PAIR),
    table("HS6_ORIGIN", "HS subheading from this origin", "HS subheading x origin", ["hs:6", "countryOfOrigin"], PAIR),
    table("HS4_REEFER", "HS heading in a reefer (true) or dry (false) container", "HS heading x reefer", ["hs:4", "derived.isReefer"], PAIR),
    table("HS2_REEFER_ORIGIN", "HS chapter, reefer or dry, from this origin", "HS chapter x reefer x origin", ["hs:2", "derived.isReefer", "countryOfOrigin"], PAIR),
    table("HS4_LOADING", "HS heading loaded in this port", "HS heading x loading port", ["hs:4", "portOfLoading"], PAIR),
    table("HS2_VIA", "HS chapter transshipped in this port", "HS chapter x transshipment port", ["hs:2", "transshipmentPorts"], PAIR),
    table("CONTAINER_TYPE", "Container size-type", "Container type", ["containerType"]),
    table("PACKAGE_TYPE", "Package type", "Package type", ["packageType"]),
    ...keyWithinBands("HS6_MASS", "HS subheading at a net mass of", ["hs:6"], "netWeightKg", MASS_EDGES, "kg"),
  ];
}

function processGroups(): FeatureGroupSpec[] {
  return [
    table("FREIGHT_TERMS", "Freight terms", "Freight terms", ["freightTerms"]),
    table("FREIGHT_FORWARDER_COUNTRY", "Freight terms with the forwarder's country", "Freight terms x forwarder country", ["freightTerms", "forwarder.country"], PAIR),
    table("FREIGHT_SHIPPER_COUNTRY", "Freight terms with the shipper's country", "Freight terms x shipper country", ["freightTerms", "shipper.country"], PAIR),
    { kind: "flag", code: "GENERIC_DESCRIPTION", label: "Generic or vague goods description", noun: "Generic description", when: { op: "genericDescription" }, ...FLAG, prior: 0.4 },
    { kind: "flag", code: "SEAL_ISSUE", label: "Seal missing or repeated", noun: "Seal issue", when: { op: "sealIssue" }, ...FLAG, prior: 0.4 },
    { kind: "flag", code: "WEIGHT_IMPLAUSIBLE", label: "Gross weight implausible for the container", noun: "Implausible weight", when: { op: "weightImplausible" }, ...FLAG, prior: 0.4 },
    { kind: "flag", code: "CONTAINER_NUMBER_INVALID", label: "Container number fails its ISO 6346 check digit", noun: "Invalid container number", when: { op: "eq", field: "derived.containerNumberValid", value: false }, ...FLAG, prior: 0.4 },
    { kind: "flag", code: "VALUE_FAR_BELOW_MEDIAN", label: "Value per kg below half the median of its HS code", noun: "Value far below median", when: { op: "valueAnomaly", below: 0.5 }, ...FLAG, prior: 0.4 },
    {
      kind: "flag", code: "SOURCE_REGION_ROUTE", label: "Loaded or transshipped in a cocaine source or transit country", noun: "Source-region route",
      when: { op: "routeVia", countries: SOURCE_REGION, legs: "any" }, ...FLAG, prior: 0.3,
    },
  ];
}

function numericGroups(currency: string | undefined): FeatureGroupSpec[] {
  const amount = currency === undefined ? {} : { currency };
  return [
    { kind: "bins", code: "VALUE_RATIO", label: "Value per kg against the median of its HS code", noun: "Value per kg / HS median", field: "derived.valuePerKgRatio", bins: 8, unit: "x median", ...BANDS },
    { kind: "bins", code: "VALUE_PER_KG", label: "Declared value per kg", noun: "Value per kg", field: "derived.valuePerKg", bins: 10, ...amount, ...BANDS },
    { kind: "bins", code: "NET_MASS", label: "Net mass", noun: "Net mass", field: "netWeightKg", bins: 10, unit: "kg", ...BANDS },
    { kind: "bins", code: "KG_PER_PACKAGE", label: "Gross kg per package", noun: "Kg per package", field: "derived.kgPerPackage", bins: 8, unit: "kg", ...BANDS },
    { kind: "bins", code: "BOOKING_LEAD", label: "Days from booking to departure", noun: "Booking lead time", field: "derived.daysBookingToDeparture", bins: 6, unit: "days", ...BANDS },
    { kind: "bins", code: "AMENDED_BEFORE_ARRIVAL", label: "Hours the manifest was amended before arrival", noun: "Amendment lead time", field: "derived.hoursAmendedBeforeArrival", bins: 6, unit: "h", ...BANDS },
  ];
}

/** The whole catalog, before attributes (added per history) and before dropping what the history lacks. */
export function candidateGroups(currency: string | undefined): FeatureGroupSpec[] {
  return [...routeGroups(), ...goodsGroups(), ...partyGroups(), ...processGroups(), ...numericGroups(currency)];
}
