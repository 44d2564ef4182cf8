// A custom column mapping applied to one flat record (a CSV row or a flat
// JSON line): each mapped column checked with the manifest contract's
// identifier validators, every problem named by its source column, and the
// record turned into a HistoryRow. Lists (seals, transshipment ports, HS
// codes) take `;`, `|` or `,` between values in one column. Attribute values
// are kept as text, except a plain decimal number without leading zeros
// (`12`, `-3.5`) becomes a number and `true`/`false` a boolean, so profiles
// compare them as the manifest API would have received them.
import { COMMODITIES } from "../../profiling/dsl/profile-types.js";
import type { PartyInput, ShipmentInput, TransportMode } from "../../profiling/shipment.js";
import { textProblem } from "../input-text.js";
import { boundedDateTime, MAX_YEAR, MIN_YEAR } from "../iso-dates.js";
import { identifierChecks as check } from "../manifests/identifier-checks.js";
import { QUANTITY_UNITS } from "../seizures/seizure-schemas.js";
import { ATTRIBUTE_PREFIX, type AttributeTarget, type ColumnMapping, type Target } from "./custom-mapping-targets.js";
import type { InspectionOutcome, RecordMapper, SelectedBy } from "./history-row.js";

const TRUE = new Set(["1", "true", "yes", "y", "hit", "fraud", "found"]);
const FALSE = new Set(["0", "false", "no", "n", "none", "clear", "nothing_found", "nothing found"]);
const NOT_INSPECTED = new Set(["not_inspected", "not inspected", "uninspected"]);
const MODES = new Set<TransportMode>(["sea", "air", "road", "rail"]);
const COMMODITY_SET = new Set<string>(COMMODITIES);
const UNITS = new Set<string>(QUANTITY_UNITS);
const SELECTED: Record<string, SelectedBy> = { random: "random", profile: "profile", officer: "officer", self: "officer", intelligence: "intelligence", unknown: "unknown" };
const PARTY_ROLES = { shipper: "shipper", consignee: "consignee", notify: "notifyParty", forwarder: "forwarder", declarant: "declarant" } as const;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const isoDateTime = boundedDateTime();

/** A calendar date within the years the API takes (year 0000 would fail the whole batch in PostgreSQL). */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  const year = Number(text.slice(0, 4));
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text && year >= MIN_YEAR && year <= MAX_YEAR;
}

const attributeValue = (text: string): string | number | boolean => {
  if (NUMBER.test(text) && Number.isFinite(Number(text))) return Number(text);
  const lower = text.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : text;
};

export function customMapper(mapping: ColumnMapping): RecordMapper {
  const columns = [...new Set(Object.values(mapping).filter((c): c is string => c !== undefined))];
  const attributeTargets = Object.keys(mapping).filter((k): k is AttributeTarget => k.startsWith(ATTRIBUTE_PREFIX));
  return {
    format: "custom",
    requiredColumns: columns,
    idColumn: mapping.externalRef!,
    map(values) {
      const reasons: string[] = [];
      const raw = (c: string | undefined): string | undefined => {
        const v = c === undefined ? undefined : values[c]?.trim();
        const problem = v === undefined ? undefined : textProblem(v);
        if (problem) {
          reasons.push(`${c}: ${problem}`);
          return undefined;
        }
        return v === "" ? undefined : v;
      };
      const text = (t: Target) => raw(mapping[t]);
      const check_ = (t: Target, ok: (v: string) => boolean, what: string): string | undefined => {
        const v = text(t);
        if (v !== undefined && !ok(v)) reasons.push(`${mapping[t]}: not ${what} (${JSON.stringify(v.slice(0, 60))})`);
        return v !== undefined && ok(v) ? v : undefined;
      };
      /** A contract validator (null = valid, else the reason) on the upper-cased value. */
      const validated = (t: Target, validate: (v: string) => string | null): string | undefined => {
        const v = text(t)?.toUpperCase();
        const reason = v === undefined ? null : validate(v);
        if (reason) reasons.push(`${mapping[t]}: ${reason} (${JSON.stringify(v!.slice(0, 60))})`);
        return reason ? undefined : v;
      };
      const list = (t: Target, validate: (v: string) => string | null, clean = (v: string) => v.toUpperCase()): string[] => {
        const items = (text(t) ?? "").split(/[;|,]/).map((v) => clean(v.trim())).filter((v) => v !== "");
        const bad = items.map((v) => [v, validate(v)] as const).filter(([, reason]) => reason !== null);
        for (const [v, reason] of bad) reasons.push(`${mapping[t]}: ${reason} (${JSON.stringify(v.slice(0, 60))})`);
        return bad.length > 0 ? [] : items;
      };
      const num = (t: Target, ok: (n: number) => boolean = (n) => n >= 0, what = "a number >= 0") => {
        const v = check_(t, (x) => Number.isFinite(Number(x)) && ok(Number(x)), what);
        return v === undefined ? undefined : Number(v);
      };
      const required = (t: Target) => {
        const v = text(t);
        if (v === undefined) reasons.push(`${mapping[t]}: missing`);
        return v ?? "";
      };
      const bounded = (t: Target, max: number) => check_(t, (v) => v.length <= max, `at most ${max} characters`);
      const externalRef = required("externalRef");
      if (externalRef.length > 128) reasons.push(`${mapping.externalRef}: longer than 128 characters`);
      const rawDate = required("date");
      const date = rawDate.slice(0, 10);
      if (rawDate && !isDate(date)) reasons.push(`${mapping.date}: not an ISO date YYYY-MM-DD (${JSON.stringify(rawDate.slice(0, 40))})`);
      const commodity = check_("commodity", (v) => COMMODITY_SET.has(v.toLowerCase()), `one of ${COMMODITIES.join(", ")}`)?.toLowerCase();
      const rawOutcome = required("outcome").toLowerCase();
      const hit = TRUE.has(rawOutcome) ? (commodity ? "seizure" : "irregularity") : undefined;
      const outcome: InspectionOutcome | null | undefined =
        rawOutcome === "seizure" || rawOutcome === "irregularity" ? rawOutcome : hit ?? (FALSE.has(rawOutcome) ? "nothing_found" : NOT_INSPECTED.has(rawOutcome) ? null : undefined);
      if (rawOutcome && outcome === undefined) reasons.push(`${mapping.outcome}: not an outcome (${JSON.stringify(rawOutcome.slice(0, 40))}); use seizure, irregularity, nothing_found, 1/0, yes/no, not_inspected`);
      const quantityValue = num("quantity", (n) => n > 0 && n <= 1e9, "a number > 0");
      const quantityUnit = check_("quantityUnit", (v) => UNITS.has(v.toLowerCase()), `one of ${QUANTITY_UNITS.join(", ")}`)?.toLowerCase();
      if (quantityValue !== undefined && quantityUnit === undefined && !text("quantityUnit")) reasons.push(`${mapping.quantity}: needs a quantityUnit column`);
      if (outcome === null && (commodity || quantityValue !== undefined)) reasons.push(`${mapping.outcome}: not inspected, yet a commodity or quantity is given`);
      const selectedBy = check_("selectedBy", (v) => Object.hasOwn(SELECTED, v.toLowerCase()), "random, profile, officer, intelligence or unknown");
      const inspectedAt = check_("inspectedAt", (v) => isDate(v.slice(0, 10)), "an ISO date YYYY-MM-DD")?.slice(0, 10);
      const mode = check_("transportMode", (v) => MODES.has(v.toLowerCase() as TransportMode), "sea, air, road or rail")?.toLowerCase() as TransportMode | undefined;
      const hs = check_("hsCode", (v) => /^\d{4,10}$/.test(v.replace(/[.\s]/g, "")), "an HS code of 4 to 10 digits")?.replace(/[.\s]/g, "");
      const hsCodes = list("hsCodes", check.hsCode, (v) => v.replace(/[.\s]/g, ""));
      const country = (t: Target) => check_(t, (v) => /^[A-Za-z]{2}$/.test(v), "an ISO 3166 alpha-2 code")?.toUpperCase();
      const locode = (t: Target) => check_(t, (v) => /^[A-Za-z]{2}[A-Za-z0-9]{3}$/.test(v), "a UN/LOCODE")?.toUpperCase();
      const optionalDate = (t: Target) => check_(t, isDate, "an ISO date YYYY-MM-DD");
      const dateTime = (t: Target) => check_(t, (v) => isoDateTime.safeParse(v).success, "an ISO 8601 date-time with time zone");
      const party = (role: (typeof PARTY_ROLES)[keyof typeof PARTY_ROLES]): PartyInput | undefined => {
        const p: PartyInput = {
          id: bounded(`${role}Id`, 64),
          name: bounded(`${role}Name`, 300),
          address: bounded(`${role}Address`, 500),
          country: validated(`${role}Country`, check.country),
        };
        const present = Object.entries(p).filter(([, v]) => v !== undefined);
        return present.length > 0 ? Object.fromEntries(present) : undefined;
      };
      const attributes: Record<string, string | number | boolean> = {};
      for (const target of attributeTargets) {
        const v = raw(mapping[target]);
        if (v === undefined) continue;
        if (v.length > 2_000) reasons.push(`${mapping[target]}: at most 2000 characters`);
        else attributes[target.slice(ATTRIBUTE_PREFIX.length)] = attributeValue(v);
      }
      const isEmpty = check_("isEmpty", (v) => TRUE.has(v.toLowerCase()) || FALSE.has(v.toLowerCase()), "yes/no, 1/0 or true/false");
      const shipment: ShipmentInput = {
        id: externalRef,
        transportMode: mode ?? "sea",
        manifestRef: bounded("manifestRef", 64),
        carrierScac: validated("carrierScac", check.scac),
        vesselImo: validated("vesselImo", check.imo),
        vesselName: bounded("vesselName", 100),
        voyage: bounded("voyage", 20),
        arrivalDate: date,
        departureDate: optionalDate("departureDate"),
        manifestFiledAt: dateTime("manifestFiledAt"),
        manifestAmendedAt: dateTime("manifestAmendedAt"),
        bookingDate: optionalDate("bookingDate"),
        billOfLading: text("billOfLading"),
        houseBillOfLading: bounded("houseBillOfLading", 35),
        containerNumber: text("containerNumber")?.toUpperCase(),
        containerType: validated("containerType", check.containerType),
        transshipmentPorts: list("transshipmentPorts", check.locode),
        sealNumbers: list("sealNumbers", (v) => (v.length > 30 ? "at most 30 characters" : null), (v) => v),
        isEmpty: isEmpty !== undefined && TRUE.has(isEmpty.toLowerCase()),
        portOfLoading: locode("portOfLoading"),
        portOfDischarge: locode("portOfDischarge"),
        placeOfDelivery: bounded("placeOfDelivery", 100),
        shipper: party("shipper"),
        consignee: party("consignee"),
        notify: party(PARTY_ROLES.notify),
        forwarder: party("forwarder"),
        declarant: party("declarant"),
        hsCodes: [...new Set([...(hs ? [hs] : []), ...hsCodes])],
        goodsDescription: text("goodsDescription"),
        packages: num("packages", (n) => Number.isInteger(n) && n >= 0 && n <= 1_000_000, "a whole number of packages"),
        packageType: bounded("packageType", 5),
        netWeightKg: num("netWeightKg"),
        grossWeightKg: num("grossWeightKg"),
        declaredValue: num("declaredValue"),
        currency: check_("currency", (v) => /^[A-Za-z]{3}$/.test(v), "an ISO 4217 code")?.toUpperCase(),
        countryOfOrigin: country("countryOfOrigin"),
        countryOfDeparture: country("countryOfDeparture"),
        freightTerms: check_("freightTerms", (v) => ["prepaid", "collect"].includes(v.toLowerCase()), "prepaid or collect")?.toLowerCase() as ShipmentInput["freightTerms"],
        stuffingLocation: bounded("stuffingLocation", 200),
        attributes,
      };
      const flightNumber = check_("flightNumber", (v) => /^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/i.test(v), "an IATA flight number such as EK202")?.toUpperCase();
      const carrierName = bounded("carrierName", 200);
      if (reasons.length > 0) return { ok: false, reasons };
      return {
        ok: true,
        row: {
          externalRef, date, shipment, outcome: outcome!, commodity,
          selectedBy: selectedBy === undefined ? undefined : SELECTED[selectedBy.toLowerCase()],
          quantity: quantityValue !== undefined && quantityUnit ? { value: quantityValue, unit: quantityUnit } : undefined,
          inspectedAt, carrierName, flightNumber,
        },
      };
    },
  };
}
