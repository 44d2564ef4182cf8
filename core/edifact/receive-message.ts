// One CUSCAR message of an interchange: map it, validate the manifest with
// the same schema as JSON (prepareMessage), and store it by its BGM function
// (storeMessage). Every error points at the segment the faulty value came
// from; a rejected message stores nothing and leaves the interchange's other
// messages alone.
import type { z } from "zod";
import type { AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { fastManifest } from "../manifests/fast-manifest.js";
import { unitLocode } from "../manifests/ingest-manifest.js";
import { unitPortWarnings } from "../manifests/unit-port-check.js";
import { manifestSchema, type ManifestInput } from "../manifests/manifest-schema.js";
import type { Services } from "../services.js";
import { pointerFor } from "./cuscar-pointers.js";
import { mapCuscar, type MappedMessage } from "./cuscar-to-manifest.js";
import type { Problem } from "./cuscar-values.js";
import type { Segment } from "./edifact-syntax.js";
import type { EdifactMessage } from "./interchange-envelope.js";
import type { MessageError, MessageOutcome } from "./interchange-outcome.js";
import type { EdifactMappingSettings } from "./mapping-settings.js";
import { cancelManifest, storeOriginal, storeReplacement, type StoreResult } from "./store-cuscar-message.js";

/** A reply lists this many errors per message at most, then says how many more there were. */
export const MAX_ERRORS_PER_MESSAGE = 99;

const schemas = new Map<number, ReturnType<typeof manifestSchema>>();
function schemaFor(maxShipments: number) {
  let schema = schemas.get(maxShipments);
  if (!schema) schemas.set(maxShipments, (schema = manifestSchema(maxShipments)));
  return schema;
}

/**
 * A message mapped and validated, holding no segment: the interchange's
 * segments (a mega-vessel's are a quarter of a million objects) are garbage
 * before the store's transaction starts, instead of being carried through it.
 */
export interface PreparedMessage {
  outcome: MessageOutcome;
  /** The validated manifest of an original or a replacement. */
  manifest: ManifestInput | undefined;
  /** Where a storing error (a conflict with what is stored) points: BGM 1004. */
  bgmPosition: Pick<MessageError, "segmentPosition" | "segment">;
  /** Where a warning on the port of discharge points: its LOC (else TDT). */
  dischargePosition: Pick<MessageError, "segmentPosition" | "segment" | "element">;
}

/** Maps one message and validates the manifest with the JSON schema; every error points at its segment. */
export function prepareMessage(message: EdifactMessage, settings: EdifactMappingSettings, decimalMark: string, maxShipments: number): PreparedMessage {
  return prepareMapped(mapCuscar(message, settings, decimalMark), message.reference, message.segments[0]!, maxShipments, true)!;
}

/**
 * A mapped message validated. `traced` false: the mapping kept no shipment
 * trace (it streamed), so a manifest the schema rejects cannot have its
 * errors pointed at their segments: null then, for the caller to map the
 * message again with its traces.
 */
export function prepareMapped(mapped: MappedMessage, reference: string, unh: Segment, maxShipments: number, traced: boolean): PreparedMessage | null {
  const outcome: MessageOutcome = {
    messageReference: reference,
    documentNumber: mapped.documentNumber,
    function: mapped.function,
    status: "rejected",
    manifestId: null,
    shipmentCount: 0,
    errors: mapped.problems.map((problem) => errorAt(problem, unh)),
  };
  const bgm = errorAt({ segment: mapped.voyage.bgm ?? unh, code: "", message: "" }, unh);
  const discharge = errorAt({ ...pointerFor(mapped, ["portOfDischarge"], unh), code: "", message: "" }, unh);
  const dischargePosition = { segmentPosition: discharge.segmentPosition, segment: discharge.segment, ...(discharge.element ? { element: discharge.element } : {}) };
  const prepared: PreparedMessage = { outcome, manifest: undefined, bgmPosition: { segmentPosition: bgm.segmentPosition, segment: bgm.segment }, dischargePosition };
  if (mapped.manifest) {
    // The JSON route's fast path first: exactly zod's result for a valid
    // manifest, in a third of the time; zod only names the errors.
    const fast = fastManifest(mapped.manifest, maxShipments);
    if (!fast && !traced) return null;
    const parsed = fast ? { success: true as const, data: fast } : schemaFor(maxShipments).safeParse(mapped.manifest);
    if (parsed.success) prepared.manifest = parsed.data;
    else {
      const missingReported = mapped.problems.some((problem) => problem.code === "13");
      for (const issue of parsed.error.issues) {
        // A field the mapping already reported missing (with its segment) is not reported twice.
        if (missingReported && isMissing(issue)) continue;
        const pointer = pointerFor(mapped, issue.path, unh);
        outcome.errors.push(errorAt({ ...pointer, code: isMissing(issue) ? "13" : "12", message: `${pathText(issue.path)}: ${issue.message}` }, unh));
      }
    }
  }
  if (outcome.errors.length > 0) prepared.outcome = capped(outcome);
  return prepared;
}

/** Stores a prepared message by its BGM function; a rejected one stores nothing. */
export async function storeMessage(services: Services, unit: UnitScope, prepared: PreparedMessage, actor: AuditActor): Promise<MessageOutcome> {
  const { outcome, manifest } = prepared;
  if (outcome.errors.length > 0) return outcome;
  let stored: StoreResult;
  if (outcome.function === "cancellation") stored = await cancelManifest(services, unit, outcome.documentNumber!, actor);
  else if (!manifest) return outcome;
  else if (outcome.function === "replacement") stored = await storeReplacement(services, unit, manifest, actor);
  else stored = await storeOriginal(services, unit, manifest, actor);
  if (!stored.ok) return { ...outcome, errors: [{ ...prepared.bgmPosition, element: 2, code: stored.code, message: stored.message }] };
  const done: MessageOutcome = { ...outcome, status: stored.status, manifestId: stored.manifestId, shipmentCount: stored.shipmentCount };
  // Stored, but not silently when the unit's port is not on the route: a remark in the CUSRES at the LOC.
  const warnings = manifest && outcome.function !== "cancellation" ? unitPortWarnings(manifest, await unitLocode(services.pool, unit.id)) : [];
  if (warnings.length === 0) return done;
  return { ...done, warnings: warnings.map((w) => ({ ...prepared.dischargePosition, code: PORT_WARNING_CODE, message: `${w.path}: ${w.message}` })) };
}

/** CUSRES ERC code of a remark that did not stop the message (mutually defined, ZZZ): the unit's port is not on the route. */
export const PORT_WARNING_CODE = "W01";

function errorAt(problem: Omit<Problem, "code"> & { code: string }, unh: Segment): MessageError {
  return {
    segmentPosition: problem.segment.position - unh.position + 1,
    segment: problem.segment.tag,
    ...(problem.element ? { element: problem.element } : {}),
    ...(problem.component ? { component: problem.component } : {}),
    code: problem.code,
    message: problem.message,
  };
}

function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === "invalid_type" && /received undefined/.test(issue.message);
}

/** `shipments[3].containerNumber`, as the JSON route names fields. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), "") || "manifest";
}

function capped(outcome: MessageOutcome): MessageOutcome {
  if (outcome.errors.length <= MAX_ERRORS_PER_MESSAGE) return outcome;
  const extra = outcome.errors.length - MAX_ERRORS_PER_MESSAGE + 1;
  const last = outcome.errors[MAX_ERRORS_PER_MESSAGE - 1]!;
  return { ...outcome, errors: [...outcome.errors.slice(0, MAX_ERRORS_PER_MESSAGE - 1), { ...last, message: `and ${extra} more error(s) like: ${last.message}` }] };
}
