// A profile indicator's condition (`when`) as form fields and back. The
// common operators of the closed list (profiling/dsl/profile-types.ts) get
// one input per parameter; nested all/any/not, and anything the fields
// cannot give back exactly, stay a raw JSON text, so the form never changes
// a condition the analyst did not touch.
import { knownFieldPaths, lookupField, type FieldKind } from "../../profiling/dsl/fields.js";
import type { ConditionOp } from "../../profiling/dsl/profile-types.js";
import { PARTY_ROLES } from "../../profiling/shipment.js";

export type StructuredOp = Exclude<ConditionOp, "all" | "any" | "not">;

/**
 * How a parameter is typed in and written back:
 * field: a field path; scalar: eq/neq's value, typed by the field;
 * values: one value per line, typed by the field; texts: one text per line;
 * codes: separated by commas or spaces; number; bound: a number, or a date on a date field;
 * text: as typed; choice: one of `choices`.
 */
export type ParamKind = "field" | "scalar" | "values" | "texts" | "codes" | "number" | "bound" | "text" | "choice";

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  optional?: boolean;
  choices?: readonly string[];
}

const field: ParamSpec = { name: "field", kind: "field" };
const ROLES = [...PARTY_ROLES, "any"] as const;

export const OP_PARAMS: Record<StructuredOp, readonly ParamSpec[]> = {
  eq: [field, { name: "value", kind: "scalar" }],
  neq: [field, { name: "value", kind: "scalar" }],
  in: [field, { name: "values", kind: "values" }],
  notIn: [field, { name: "values", kind: "values" }],
  gt: [field, { name: "value", kind: "bound" }],
  gte: [field, { name: "value", kind: "bound" }],
  lt: [field, { name: "value", kind: "bound" }],
  lte: [field, { name: "value", kind: "bound" }],
  between: [field, { name: "min", kind: "bound", optional: true }, { name: "max", kind: "bound", optional: true }],
  exists: [field],
  missing: [field],
  hsPrefix: [{ ...field, optional: true }, { name: "prefixes", kind: "codes" }],
  contains: [field, { name: "values", kind: "texts" }],
  matches: [field, { name: "pattern", kind: "text" }, { name: "flags", kind: "choice", optional: true, choices: ["i"] }],
  inList: [field, { name: "list", kind: "text" }],
  routeVia: [
    { name: "ports", kind: "codes", optional: true },
    { name: "countries", kind: "codes", optional: true },
    { name: "legs", kind: "choice", optional: true, choices: ["loading", "transshipment", "any"] },
  ],
  partyNew: [{ name: "role", kind: "choice", choices: ROLES }, { name: "days", kind: "number" }],
  partySeizureLinked: [{ name: "role", kind: "choice", choices: ROLES }],
  partyIsForwarder: [],
  valueAnomaly: [{ name: "below", kind: "number", optional: true }, { name: "above", kind: "number", optional: true }],
  weightImplausible: [{ name: "minKgPerPackage", kind: "number", optional: true }, { name: "maxKgPerPackage", kind: "number", optional: true }],
  genericDescription: [],
  sealIssue: [],
  fieldCompare: [field, { name: "cmp", kind: "choice", choices: ["eq", "neq", "gt", "gte", "lt", "lte"] }, { name: "other", kind: "field" }, { name: "factor", kind: "number", optional: true }],
};

export const STRUCTURED_OPS = Object.keys(OP_PARAMS) as StructuredOp[];
/** The field paths offered as suggestions (free attributes are typed as `attributes.<name>`). */
export const FIELD_PATHS: readonly string[] = knownFieldPaths();

export type ConditionForm =
  | { mode: "structured"; op: StructuredOp; params: Record<string, string> }
  /** `text` is JSON; text that does not parse is written to the document as a string (the validator names it). */
  | { mode: "raw"; text: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isStructured = (op: unknown): op is StructuredOp => typeof op === "string" && Object.hasOwn(OP_PARAMS, op);

/** A number typed by a person: "12.5", "12,5" (decimal comma), "-3", "1e3"; undefined when it is not one. */
export function parseDecimal(text: string): number | undefined {
  let t = text.trim();
  if (!t.includes(".") && (t.match(/,/g) ?? []).length === 1) t = t.replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function kindOf(path: string): FieldKind | null {
  const def = lookupField(path.trim());
  return typeof def === "string" ? null : def.kind;
}

/** A free attribute holds text, numbers or yes/no: "5" is read as 5, "true" as true, "007" stays text. */
function loose(text: string): string | number | boolean {
  if (text === "true" || text === "false") return text === "true";
  const n = Number(text);
  return /^-?\d+(\.\d+)?$/.test(text) && String(n) === text ? n : text;
}

function typed(text: string, kind: FieldKind | null, as: "scalar" | "bound"): unknown {
  if (kind === "number" || (as === "bound" && kind !== "date" && kind !== "any")) return parseDecimal(text) ?? text;
  if (kind === "boolean" && as === "scalar" && (text === "true" || text === "false")) return text === "true";
  if (kind === "any") return as === "bound" ? (parseDecimal(text) ?? text) : loose(text);
  return text;
}

const lines = (text: string) => text.split("\n").map((v) => v.trim()).filter((v) => v !== "");
const words = (text: string) => text.split(/[\s,;]+/).filter((v) => v !== "");

/** The condition the fields describe (a parameter left empty is omitted when optional, so the validator names what is required). */
export function conditionFromForm(form: ConditionForm): unknown {
  if (form.mode === "raw") {
    try {
      return JSON.parse(form.text) as unknown;
    } catch {
      return form.text;
    }
  }
  const out: Record<string, unknown> = { op: form.op };
  const fieldKind = kindOf(form.params.field ?? "");
  for (const spec of OP_PARAMS[form.op]) {
    const raw = form.params[spec.name] ?? "";
    const text = spec.kind === "text" ? raw : raw.trim();
    if (text === "" && (spec.optional || spec.kind === "number" || spec.kind === "bound" || spec.kind === "choice")) continue;
    switch (spec.kind) {
      case "field":
      case "text":
      case "choice":
        out[spec.name] = text;
        break;
      case "scalar":
      case "bound":
        out[spec.name] = typed(text, fieldKind, spec.kind);
        break;
      case "values":
        out[spec.name] = lines(text).map((v) => typed(v, fieldKind, "scalar"));
        break;
      case "texts":
        out[spec.name] = lines(text);
        break;
      case "codes":
        out[spec.name] = words(text);
        break;
      case "number":
        out[spec.name] = parseDecimal(text) ?? text;
        break;
    }
  }
  return out;
}

function paramText(spec: ParamSpec, value: unknown): string | null {
  if (value === undefined) return "";
  if (spec.kind === "values" || spec.kind === "texts" || spec.kind === "codes") {
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string" || typeof v === "number")) return null;
    return value.map(String).join(spec.kind === "codes" ? ", " : "\n");
  }
  if (spec.kind === "number" || spec.kind === "bound" || spec.kind === "scalar") {
    return typeof value === "number" || typeof value === "string" || (spec.kind === "scalar" && typeof value === "boolean") ? String(value) : null;
  }
  return typeof value === "string" ? value : null;
}

/** JSON with object keys sorted, so the same condition written in another key order compares equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export const rawCondition = (value: unknown): ConditionForm => ({ mode: "raw", text: typeof value === "string" ? value : JSON.stringify(value, null, 2) });

/** The fields of a condition; a raw JSON text where the fields could not give it back exactly. */
export function conditionToForm(value: unknown): ConditionForm {
  if (!isObject(value) || !isStructured(value.op)) return rawCondition(value);
  const specs = OP_PARAMS[value.op];
  if (Object.keys(value).some((k) => k !== "op" && !specs.some((s) => s.name === k))) return rawCondition(value);
  const params: Record<string, string> = {};
  for (const spec of specs) {
    const text = paramText(spec, value[spec.name]);
    if (text === null) return rawCondition(value);
    params[spec.name] = text;
  }
  const form: ConditionForm = { mode: "structured", op: value.op, params };
  return canonical(conditionFromForm(form)) === canonical(value) ? form : rawCondition(value);
}

/** Another operator for the same condition: parameters of the same name are kept. */
export function changeOp(form: ConditionForm, op: StructuredOp | "raw"): ConditionForm {
  if (op === "raw") return form.mode === "raw" ? form : rawCondition(conditionFromForm(form));
  if (form.mode === "structured") return { mode: "structured", op, params: Object.fromEntries(OP_PARAMS[op].map((s) => [s.name, form.params[s.name] ?? ""])) };
  const parsed = conditionToForm(conditionFromForm(form));
  const params = parsed.mode === "structured" ? parsed.params : {};
  return { mode: "structured", op, params: Object.fromEntries(OP_PARAMS[op].map((s) => [s.name, params[s.name] ?? ""])) };
}

/** A new indicator's condition: the analyst picks the field and the value. */
export const blankCondition = (): ConditionForm => ({ mode: "structured", op: "eq", params: { field: "", value: "" } });

/** One line for lists and the diff: `{op: "routeVia", ports: ["ECGYE"]}`. */
export function compactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(", ")}]`;
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${compactJson(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
