// One line of a `manifest-jsonl` history file: a shipment in the public
// manifest contract's shape (shared/design/manifest.example.json), its voyage
// fields inline, and `outcome`. Validated with the manifest schema's own
// pieces, so a history line and a live manifest accept the same identifiers;
// only what history needs differs: manifestRef, arrivalDate and the vessel
// may be missing (old records), and optional fields may be null (= absent).
//
// externalRef, the record's natural id (re-importing a file adds nothing):
//   billOfLading/containerNumber            a container on its bill
//   billOfLading/containerNumber/houseBill  a house bill consolidated in it
//   billOfLading/manifestRef#line           no container (air, break bulk)
import { z } from "zod";
import { COMMODITIES } from "../../profiling/dsl/profile-types.js";
import { textProblem } from "../input-text.js";
import { boundedDate, boundedDateTime } from "../iso-dates.js";
import type { ShipmentInput } from "../../profiling/shipment.js";
import { shipmentChecks, shipmentSchema, voyageChecks, voyageShape } from "../manifests/manifest-schema.js";
import { shipmentOwnFields } from "../manifests/shipment-rows.js";
import { QUANTITY_UNITS } from "../seizures/seizure-schemas.js";
import { SELECTED_BY, type InspectionOutcome, type MapResult } from "./history-row.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const inspectionDate = boundedDate();
const inspectionTime = boundedDateTime();

const outcomeSchema = z.strictObject({
  inspected: z.boolean(),
  hit: z.boolean().optional(),
  result: z.enum(["seizure", "irregularity", "nothing_found"]).optional(),
  commodity: z.enum(COMMODITIES, { message: `one of ${COMMODITIES.join(", ")}` }).optional(),
  quantity: z
    .strictObject({
      value: z.number().finite().positive("must be > 0").max(1e9, "implausibly large"),
      unit: z.enum(QUANTITY_UNITS, { message: `one of ${QUANTITY_UNITS.join(", ")}` }),
    })
    .optional(),
  selectedBy: z.enum(SELECTED_BY, { message: `one of ${SELECTED_BY.join(", ")}` }).optional(),
  inspectedAt: z
    .string()
    .refine((v) => (DATE.test(v) ? inspectionDate : inspectionTime).safeParse(v).success, "expected a date YYYY-MM-DD or an ISO 8601 date-time with time zone, years 1900-2100")
    .optional(),
});

const lineSchema = z.strictObject({
  ...shipmentSchema.shape,
  ...voyageShape,
  manifestRef: voyageShape.manifestRef.optional(),
  arrivalDate: voyageShape.arrivalDate.optional(),
  outcome: outcomeSchema.optional(),
});

export type HistoryLine = z.infer<typeof lineSchema>;

const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), "") || "line";

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
/** Deeper than any field of the contract (attributes → value is 2, outcome → quantity → value is 3). */
export const MAX_DEPTH = 4;

/**
 * What zod cannot be trusted with: keys that reach a prototype (zod drops
 * `__proto__` silently), nesting far deeper than the contract, text
 * PostgreSQL cannot store as sent, and null (absent) values, removed
 * everywhere except inside `attributes`, where null is a value. The walk
 * stops at MAX_DEPTH, so its recursion is bounded whatever the input; one
 * mutable path keeps it from allocating per node (it runs on every line).
 */
function prepare(value: unknown): { value?: Record<string, unknown>; reasons: string[] } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { reasons: ["not a JSON object: one shipment per line"] };
  const reasons: string[] = [];
  const path: PropertyKey[] = [];
  const walk = (node: object, inAttributes: boolean) => {
    if (path.length >= MAX_DEPTH) {
      reasons.push(`${formatPath(path)}: nested deeper than the manifest contract allows`);
      return;
    }
    const array = Array.isArray(node);
    for (const key of Object.keys(node)) {
      if (reasons.length >= 20) return;
      const child = (node as Record<string, unknown>)[key];
      path.push(array ? Number(key) : key);
      if (RESERVED.has(key)) reasons.push(`${formatPath(path)}: reserved key name`);
      else if (child === null) {
        if (!array && !inAttributes) delete (node as Record<string, unknown>)[key];
      } else if (typeof child === "string") {
        const problem = textProblem(child);
        if (problem) reasons.push(`${formatPath(path)}: ${problem}`);
      } else if (typeof child === "object") walk(child, inAttributes || (path.length === 1 && key === "attributes"));
      path.pop();
    }
  };
  walk(value, false);
  return reasons.length > 0 ? { reasons } : { value: value as Record<string, unknown>, reasons };
}

const externalRefOf = (line: HistoryLine, lineNo: number) =>
  line.containerNumber
    ? [line.billOfLading, line.containerNumber, ...(line.houseBillOfLading ? [line.houseBillOfLading] : [])].join("/")
    : `${line.billOfLading}/${line.manifestRef ?? ""}#${lineNo}`;

/** What the inspection found, or the reasons the outcome does not hold together. */
function outcomeOf(outcome: HistoryLine["outcome"], reasons: string[]): InspectionOutcome | null {
  if (!outcome?.inspected) {
    for (const field of ["hit", "result", "commodity", "quantity"] as const) {
      if (outcome?.[field] !== undefined && outcome[field] !== false && outcome[field] !== "nothing_found") reasons.push(`outcome.${field}: given for a container that was not inspected`);
    }
    return null;
  }
  const { hit, result, commodity, quantity } = outcome;
  if (hit === undefined && result === undefined) {
    reasons.push("outcome.hit: required when inspected is true (or outcome.result)");
    return null;
  }
  const fromHit: InspectionOutcome | undefined = hit === undefined ? undefined : hit ? (commodity ? "seizure" : "irregularity") : "nothing_found";
  if (result !== undefined && hit !== undefined && (result === "nothing_found") === hit) reasons.push(`outcome.result: ${result} contradicts hit: ${hit}`);
  const found = result ?? fromHit!;
  if (found === "nothing_found" && (commodity || quantity)) reasons.push(`outcome.${commodity ? "commodity" : "quantity"}: given for an inspection that found nothing`);
  if (quantity && !commodity) reasons.push("outcome.quantity: needs outcome.commodity");
  return found;
}

/** Maps one parsed JSON line to a history row, or to reasons naming each field. */
export function mapHistoryLine(raw: unknown, lineNo: number): MapResult {
  const prepared = prepare(raw);
  if (!prepared.value) return { ok: false, reasons: prepared.reasons };
  const parsed = lineSchema.safeParse(prepared.value);
  if (!parsed.success) {
    return {
      ok: false,
      reasons: parsed.error.issues.flatMap((issue) =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field (extra data belongs in attributes)`)
          : [`${formatPath(issue.path)}: ${issue.code === "invalid_type" && issue.message.endsWith("received undefined") ? "required" : issue.message}`],
      ),
    };
  }
  const line = parsed.data;
  const reasons: string[] = [];
  const issue = (path: (string | number)[], message: string) => reasons.push(`${formatPath(path)}: ${message}`);
  voyageChecks(line, issue);
  shipmentChecks(line, line.transportMode, issue, (field) => [field]);
  const outcome = outcomeOf(line.outcome, reasons);
  const date = line.arrivalDate ?? line.departureDate ?? line.outcome?.inspectedAt?.slice(0, 10);
  if (!date) reasons.push("arrivalDate: required, or departureDate, or outcome.inspectedAt: the record needs a date");
  if (reasons.length > 0 || !date) return { ok: false, reasons };
  const externalRef = externalRefOf(line, lineNo);
  const shipment: ShipmentInput = {
    id: externalRef,
    transportMode: line.transportMode,
    manifestRef: line.manifestRef,
    carrierScac: line.carrier?.scac,
    vesselImo: line.vessel?.imo,
    vesselName: line.vessel?.name,
    voyage: line.vessel?.voyage,
    portOfLoading: line.portOfLoading,
    transshipmentPorts: line.transshipmentPorts,
    portOfDischarge: line.portOfDischarge,
    departureDate: line.departureDate,
    arrivalDate: date,
    manifestFiledAt: line.manifestFiledAt,
    manifestAmendedAt: line.manifestAmendedAt,
    ...shipmentOwnFields(line),
    shipper: line.shipper,
    consignee: line.consignee,
    notify: line.notifyParty,
    forwarder: line.forwarder,
    declarant: line.declarant,
  };
  return {
    ok: true,
    row: {
      externalRef,
      date,
      shipment,
      outcome,
      commodity: outcome ? line.outcome?.commodity : undefined,
      selectedBy: line.outcome?.selectedBy,
      quantity: outcome ? line.outcome?.quantity : undefined,
      inspectedAt: outcome ? line.outcome?.inspectedAt : undefined,
      carrierName: line.carrier?.name,
      flightNumber: line.flightNumber,
    },
  };
}
