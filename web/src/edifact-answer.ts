// The answer to a CUSCAR interchange posted from the browser (see
// edifact-post.ts), read into what the screen shows: the verdict, message by
// message, and each error with the segment it points at, the field it names
// in words (not its JSON path) and what its code means.
import { evidenceFieldLabel } from "./evidence-text.js";
import type { MessageKey, Translate } from "./i18n.js";

export interface InterchangeError {
  segmentPosition: number;
  segment: string;
  element?: number;
  component?: number;
  code: string;
  message: string;
}

export interface InterchangeMessage {
  messageReference: string;
  documentNumber: string | null;
  function: "original" | "replacement" | "cancellation" | null;
  status: "accepted" | "duplicate" | "replaced" | "cancelled" | "rejected";
  manifestId: string | null;
  shipmentCount: number;
  errors: InterchangeError[];
  /** Stored anyway, but worth a look (e.g. the unit's port is not on the route); absent when none. */
  warnings?: InterchangeError[];
}

export interface InterchangeAnswer {
  controlReference: string | null;
  replyKind: "CONTRL" | "CUSRES";
  reply: string;
  accepted: boolean;
  duplicate: boolean;
  messages: InterchangeMessage[];
}

/** The whole interchange's verdict, as the screen states it. */
export type Verdict = "accepted" | "duplicate" | "partial" | "rejected" | "syntax";

export function verdictOf(answer: InterchangeAnswer): Verdict {
  if (answer.replyKind === "CONTRL") return "syntax";
  if (answer.duplicate) return "duplicate";
  if (answer.accepted) return "accepted";
  return answer.messages.some((m) => m.status !== "rejected") ? "partial" : "rejected";
}

/** How many stored messages carry warnings: the screen says so beside the verdict, never silently. */
export function warnedMessages(answer: InterchangeAnswer): number {
  return answer.messages.filter((m) => (m.warnings?.length ?? 0) > 0).length;
}

/** "segment 14 (EQD), element 2, component 1": where an error points. */
export function errorPlace(error: InterchangeError): { position: number; segment: string; element?: number; component?: number } {
  return { position: error.segmentPosition, segment: error.segment, ...(error.element ? { element: error.element } : {}), ...(error.component ? { component: error.component } : {}) };
}

/** What each CONTRL/CUSRES error code (UN/EDIFACT 0085 and 9321) means, as the officer reads it. */
const CODE_MEANING: Readonly<Record<string, MessageKey>> = {
  "2": "edifact.code.2",
  "12": "edifact.code.12",
  "13": "edifact.code.13",
  "14": "edifact.code.14",
  "15": "edifact.code.15",
  "21": "edifact.code.21",
  "26": "edifact.code.26",
  "28": "edifact.code.28",
  "29": "edifact.code.29",
  "30": "edifact.code.30",
  "31": "edifact.code.31",
  "32": "edifact.code.32",
  "33": "edifact.code.33",
  W01: "edifact.code.W01",
};

/** "invalid value (code 12)"; an unknown code is shown as a code. */
export function codeText(t: Translate, code: string): string {
  return Object.hasOwn(CODE_MEANING, code) ? t("edifact.codeMeaning", { meaning: t(CODE_MEANING[code]!), code }) : t("edifact.codeOnly", { code });
}

/** The manifest's JSON names that read as another evidence field (the rest are named alike). */
const MANIFEST_ALIAS: Readonly<Record<string, string>> = {
  "vessel.imo": "vesselImo",
  "vessel.name": "vesselName",
  "vessel.voyage": "voyage",
  "carrier.scac": "carrierScac",
  "declaredValue.amount": "declaredValue",
  "declaredValue.currency": "currency",
};

const FIELD_PATH = /^((?:shipments\[(\d+)\]\.)?([A-Za-z][A-Za-z0-9]*(?:\[\d+\])?(?:\.[A-Za-z][A-Za-z0-9]*(?:\[\d+\])?)*)): (.+)$/s;

/**
 * An error's text as the officer reads it: `shipments[0].containerNumber: check digit should be 3`
 * becomes "Shipment 1, container number: check digit should be 3"; `path` keeps the raw path (for its title).
 * A text that does not start with a field path is shown as it is.
 */
export function errorText(t: Translate, message: string): { text: string; path: string | null } {
  const match = FIELD_PATH.exec(message);
  if (!match) return { text: message, path: null };
  const [, path, shipment, field, rest] = match;
  const plain = field!.replace(/\[\d+\]/g, "").replace(/^notifyParty\./, "notify.");
  const name = evidenceFieldLabel(t, MANIFEST_ALIAS[plain] ?? plain);
  if (name === plain && !Object.hasOwn(MANIFEST_ALIAS, plain)) {
    // A field we have no words for: the path stays as the sender wrote it.
    return { text: message, path: path! };
  }
  const where = shipment === undefined ? name : t("edifact.shipmentField", { n: Number(shipment) + 1, field: name });
  return { text: t("edifact.fieldProblem", { field: where, problem: rest! }), path: path! };
}
