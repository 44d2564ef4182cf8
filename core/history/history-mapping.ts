// How the columns of an inspected-records file become a shipment plus its
// inspection outcome: a named preset (`customs-declarations`, mapped in
// profiling/history) or a custom mapping "target field → source column".
import { z } from "zod";
import { COMMODITIES } from "../../profiling/dsl/profile-types.js";
import {
  DECLARATION_COLUMNS,
  mapDeclarationRow,
  mapLabelledDeclarationRow,
  OUTCOME_COLUMNS,
  type DeclarationRow,
} from "../../profiling/history/customs-declarations.js";
import type { PartyInput, ShipmentInput, TransportMode } from "../../profiling/shipment.js";
import { AppError, type FieldError } from "../errors.js";

export type InspectionOutcome = "nothing_found" | "seizure" | "irregularity";

/** One inspected record, ready to store. */
export interface HistoryRow {
  externalRef: string;
  /** YYYY-MM-DD: declaration / arrival date, also the inspection date and the parties' first sighting. */
  date: string;
  shipment: ShipmentInput;
  outcome: InspectionOutcome;
  commodity?: string | undefined;
}

export type MapResult = { ok: true; row: HistoryRow } | { ok: false; reasons: string[] };

export interface RecordMapper {
  format: string;
  /** Columns the file must have (checked on the header, before any row). */
  requiredColumns: readonly string[];
  /** Column holding the record's own id, for error reports. */
  idColumn: string;
  map(values: DeclarationRow): MapResult;
}

export const HISTORY_PRESETS = ["customs-declarations"] as const;
export const HISTORY_FORMATS = [...HISTORY_PRESETS, "custom"] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/**
 * customs-declarations: `Fraud` 1 is a finding. `Critical Fraud` 2 (a
 * public-safety finding) is stored as a seizure, any other finding as an
 * irregularity (revenue fraud); the commodity is not in the source.
 */
const customsDeclarations: RecordMapper = {
  format: "customs-declarations",
  requiredColumns: [...DECLARATION_COLUMNS, ...OUTCOME_COLUMNS],
  idColumn: "Declaration ID",
  map(values) {
    const mapped = mapLabelledDeclarationRow(values);
    if (!mapped.ok) return mapped;
    const { shipment, date, externalRef, label } = mapped.value;
    return { ok: true, row: { shipment, date, externalRef, outcome: label.hit ? (label.critical ? "seizure" : "irregularity") : "nothing_found" } };
  },
};

const TARGETS = {
  externalRef: "the record's own id (required)",
  date: "declaration or arrival date, YYYY-MM-DD (required)",
  outcome: "inspection outcome: seizure, irregularity, nothing_found, or 1/0, yes/no, true/false (required)",
  commodity: `seized commodity: ${COMMODITIES.join(", ")}`,
  billOfLading: "bill of lading or air waybill",
  containerNumber: "container number",
  transportMode: "sea, air, road or rail",
  hsCode: "HS code (4 to 10 digits)",
  goodsDescription: "goods description",
  countryOfOrigin: "ISO 3166 alpha-2",
  countryOfDeparture: "ISO 3166 alpha-2",
  portOfLoading: "UN/LOCODE",
  portOfDischarge: "UN/LOCODE",
  shipperId: "shipper's id", shipperName: "shipper's name",
  consigneeId: "consignee's id", consigneeName: "consignee's name",
  declarantId: "declarant's id", forwarderId: "forwarder's id",
  netWeightKg: "kg", grossWeightKg: "kg", declaredValue: "amount", currency: "ISO 4217",
} as const;
type Target = keyof typeof TARGETS;
const REQUIRED_TARGETS: readonly Target[] = ["externalRef", "date", "outcome"];

const column = z.string().trim().min(1, "must name a source column").max(200, "too long (at most 200 characters)");
const mappingSchema = z.strictObject(
  Object.fromEntries((Object.keys(TARGETS) as Target[]).map((t) => [t, REQUIRED_TARGETS.includes(t) ? column : column.optional()])) as unknown as Record<Target, z.ZodType<string | undefined>>,
);

export type ColumnMapping = Partial<Record<Target, string>>;

/** Checks a custom mapping; errors name the field as `mapping.<target>`. */
export function parseColumnMapping(raw: unknown): ColumnMapping {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new AppError("validation_failed", "mapping must be a JSON object of target field → source column", {
      errors: [{ path: "mapping", message: `expected an object with ${REQUIRED_TARGETS.join(", ")} and optional ${Object.keys(TARGETS).filter((t) => !REQUIRED_TARGETS.includes(t as Target)).join(", ")}` }],
    });
  }
  const result = mappingSchema.safeParse(raw);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: `mapping.${key}`, message: `unknown target field; targets are ${Object.keys(TARGETS).join(", ")}` }))
      : [{ path: `mapping.${issue.path.map(String).join(".")}`, message: (raw as Record<string, unknown>)[String(issue.path[0])] === undefined ? "required" : issue.message }],
  );
  throw new AppError("validation_failed", `${errors.length} mapping field(s) are not valid`, { errors });
}

const TRUE = new Set(["1", "true", "yes", "y", "hit", "fraud", "found"]);
const FALSE = new Set(["0", "false", "no", "n", "none", "clear", "nothing_found", "nothing found"]);
const MODES = new Set<TransportMode>(["sea", "air", "road", "rail"]);
const COMMODITY_SET = new Set<string>(COMMODITIES);

function customMapper(mapping: ColumnMapping): RecordMapper {
  const columns = [...new Set(Object.values(mapping).filter((c): c is string => c !== undefined))];
  return {
    format: "custom",
    requiredColumns: columns,
    idColumn: mapping.externalRef!,
    map(values) {
      const reasons: string[] = [];
      const text = (t: Target): string | undefined => {
        const c = mapping[t];
        const v = c === undefined ? undefined : values[c]?.trim();
        return v === "" ? undefined : v;
      };
      const check = (t: Target, ok: (v: string) => boolean, what: string): string | undefined => {
        const v = text(t);
        if (v !== undefined && !ok(v)) reasons.push(`${mapping[t]}: not ${what} (${JSON.stringify(v.slice(0, 60))})`);
        return v !== undefined && ok(v) ? v : undefined;
      };
      const num = (t: Target) => {
        const v = check(t, (x) => Number.isFinite(Number(x)) && Number(x) >= 0, "a number >= 0");
        return v === undefined ? undefined : Number(v);
      };
      const required = (t: Target) => {
        const v = text(t);
        if (v === undefined) reasons.push(`${mapping[t]}: missing`);
        return v ?? "";
      };
      const externalRef = required("externalRef");
      if (externalRef.length > 128) reasons.push(`${mapping.externalRef}: longer than 128 characters`);
      const rawDate = required("date");
      const date = rawDate.slice(0, 10);
      if (rawDate && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)) {
        reasons.push(`${mapping.date}: not an ISO date YYYY-MM-DD (${JSON.stringify(rawDate.slice(0, 40))})`);
      }
      const rawOutcome = required("outcome").toLowerCase();
      const outcome: InspectionOutcome | undefined =
        rawOutcome === "seizure" || rawOutcome === "irregularity" ? rawOutcome : TRUE.has(rawOutcome) ? "irregularity" : FALSE.has(rawOutcome) ? "nothing_found" : undefined;
      if (rawOutcome && !outcome) reasons.push(`${mapping.outcome}: not an outcome (${JSON.stringify(rawOutcome.slice(0, 40))}); use seizure, irregularity, nothing_found, 1/0, yes/no`);
      const commodity = check("commodity", (v) => COMMODITY_SET.has(v.toLowerCase()), `one of ${COMMODITIES.join(", ")}`)?.toLowerCase();
      const mode = check("transportMode", (v) => MODES.has(v.toLowerCase() as TransportMode), "sea, air, road or rail")?.toLowerCase() as TransportMode | undefined;
      const hs = check("hsCode", (v) => /^\d{4,10}$/.test(v.replace(/[.\s]/g, "")), "an HS code of 4 to 10 digits")?.replace(/[.\s]/g, "");
      const country = (t: Target) => check(t, (v) => /^[A-Za-z]{2}$/.test(v), "an ISO 3166 alpha-2 code")?.toUpperCase();
      const locode = (t: Target) => check(t, (v) => /^[A-Za-z]{2}[A-Za-z0-9]{3}$/.test(v), "a UN/LOCODE")?.toUpperCase();
      const party = (id: Target | undefined, name: Target | undefined): PartyInput | undefined => {
        const p = { id: id && text(id), name: name && text(name) };
        return p.id || p.name ? { ...(p.id ? { id: p.id } : {}), ...(p.name ? { name: p.name } : {}) } : undefined;
      };
      const shipment: ShipmentInput = {
        id: externalRef,
        transportMode: mode ?? "sea",
        arrivalDate: date,
        billOfLading: text("billOfLading"),
        containerNumber: text("containerNumber")?.toUpperCase(),
        transshipmentPorts: [],
        sealNumbers: [],
        isEmpty: false,
        portOfLoading: locode("portOfLoading"),
        portOfDischarge: locode("portOfDischarge"),
        shipper: party("shipperId", "shipperName"),
        consignee: party("consigneeId", "consigneeName"),
        declarant: party("declarantId", undefined),
        forwarder: party("forwarderId", undefined),
        hsCodes: hs ? [hs] : [],
        goodsDescription: text("goodsDescription"),
        netWeightKg: num("netWeightKg"),
        grossWeightKg: num("grossWeightKg"),
        declaredValue: num("declaredValue"),
        currency: check("currency", (v) => /^[A-Za-z]{3}$/.test(v), "an ISO 4217 code")?.toUpperCase(),
        countryOfOrigin: country("countryOfOrigin"),
        countryOfDeparture: country("countryOfDeparture"),
        attributes: {},
      };
      if (reasons.length > 0) return { ok: false, reasons };
      return { ok: true, row: { externalRef, date, shipment, outcome: outcome!, commodity } };
    },
  };
}

/** The mapper of a format; `custom` needs a mapping (checked, field-named errors). */
export function mapperFor(format: string, mapping?: unknown): RecordMapper {
  if (format === "customs-declarations") {
    if (mapping !== undefined) throw new AppError("validation_failed", "a preset format takes no mapping", { errors: [{ path: "mapping", message: "only with format=custom" }] });
    return customsDeclarations;
  }
  if (format === "custom") {
    if (mapping === undefined) throw new AppError("validation_failed", "format=custom needs a mapping", { errors: [{ path: "mapping", message: "required with format=custom" }] });
    return customMapper(parseColumnMapping(mapping));
  }
  throw new AppError("validation_failed", `unknown format ${format}`, { errors: [{ path: "format", message: `one of ${HISTORY_FORMATS.join(", ")}` }] });
}

/** The expected columns a header lacks. */
export function missingFrom(header: readonly string[], mapper: Pick<RecordMapper, "requiredColumns">): string[] {
  const present = new Set(header);
  return mapper.requiredColumns.filter((c) => !present.has(c));
}

/** Reading records to score (no outcome columns): the same column rules as the import. */
export interface ScoringMapper {
  format: string;
  requiredColumns: readonly string[];
  idColumn: string;
  map(values: DeclarationRow): { ok: true; shipment: ShipmentInput } | { ok: false; reasons: string[] };
}

export const SCORING_FORMATS = ["customs-declarations"] as const;

export function scoringMapperFor(format: string): ScoringMapper | undefined {
  if (format !== "customs-declarations") return undefined;
  return {
    format,
    requiredColumns: DECLARATION_COLUMNS,
    idColumn: "Declaration ID",
    map(values) {
      const mapped = mapDeclarationRow(values);
      return mapped.ok ? { ok: true, shipment: mapped.value.shipment } : mapped;
    },
  };
}
