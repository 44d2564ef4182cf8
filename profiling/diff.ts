// What changed between two versions of a profile, as plain data: the review
// screen shows it before a version is activated, and the audit trail keeps
// it. Conditions and tables are compared structurally (key order ignored).
import type { Indicator, Profile } from "./dsl/profile-types.js";

export interface IndicatorSummary {
  code: string;
  label: string;
  /** Null for table indicators: their points come from the table. */
  points: number | null;
  kind: "rule" | "table";
}

export type IndicatorChange = "label" | "note" | "points" | "when" | "table" | "kind";

export interface ChangedIndicator {
  code: string;
  changes: IndicatorChange[];
  before: IndicatorSummary;
  after: IndicatorSummary;
}

export interface ValueChange<T> {
  before: T;
  after: T;
}

export interface ProfileDiff {
  added: IndicatorSummary[];
  removed: IndicatorSummary[];
  changed: ChangedIndicator[];
  unchanged: number;
  /** Present only for top-level settings that differ. */
  settings: {
    name?: ValueChange<string>;
    target?: ValueChange<Profile["target"]>;
    thresholds?: ValueChange<Profile["thresholds"]>;
    randomRate?: ValueChange<number>;
    scope?: ValueChange<Profile["scope"] | null>;
    validFrom?: ValueChange<string | null>;
    validTo?: ValueChange<string | null>;
    rationale?: ValueChange<string | null>;
  };
  /** True when nothing that affects scoring or display changed. */
  identical: boolean;
}

/** JSON with object keys sorted, so {a,b} and {b,a} compare equal. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}

function summary(ind: Indicator): IndicatorSummary {
  const kind = ind.table === undefined ? "rule" : "table";
  return { code: ind.code, label: ind.label, points: kind === "rule" ? (ind.points ?? 0) : null, kind };
}

function indicatorChanges(a: Indicator, b: Indicator): IndicatorChange[] {
  const out: IndicatorChange[] = [];
  if ((a.table === undefined) !== (b.table === undefined)) out.push("kind");
  if (a.label !== b.label) out.push("label");
  if ((a.note ?? null) !== (b.note ?? null)) out.push("note");
  if ((a.points ?? null) !== (b.points ?? null)) out.push("points");
  if (canonicalJson(a.when ?? null) !== canonicalJson(b.when ?? null)) out.push("when");
  if (canonicalJson(a.table ?? null) !== canonicalJson(b.table ?? null)) out.push("table");
  return out;
}

export function diffProfiles(before: Profile, after: Profile): ProfileDiff {
  const old = new Map(before.indicators.map((i) => [i.code, i]));
  const now = new Map(after.indicators.map((i) => [i.code, i]));
  const added = after.indicators.filter((i) => !old.has(i.code)).map(summary);
  const removed = before.indicators.filter((i) => !now.has(i.code)).map(summary);
  const changed: ChangedIndicator[] = [];
  let unchanged = 0;
  for (const b of after.indicators) {
    const a = old.get(b.code);
    if (a === undefined) continue;
    const changes = indicatorChanges(a, b);
    if (changes.length === 0) unchanged++;
    else changed.push({ code: b.code, changes, before: summary(a), after: summary(b) });
  }
  const settings: ProfileDiff["settings"] = {};
  const differs = (x: unknown, y: unknown) => canonicalJson(x ?? null) !== canonicalJson(y ?? null);
  if (before.name !== after.name) settings.name = { before: before.name, after: after.name };
  if (differs(before.target, after.target)) settings.target = { before: before.target, after: after.target };
  const thresholds = (p: Profile) => ({ ...p.thresholds, select: p.thresholds.select ?? p.thresholds.high });
  if (differs(thresholds(before), thresholds(after))) settings.thresholds = { before: thresholds(before), after: thresholds(after) };
  if ((before.randomRate ?? 0) !== (after.randomRate ?? 0)) settings.randomRate = { before: before.randomRate ?? 0, after: after.randomRate ?? 0 };
  if (differs(before.scope, after.scope)) settings.scope = { before: before.scope ?? null, after: after.scope ?? null };
  if ((before.validFrom ?? null) !== (after.validFrom ?? null)) settings.validFrom = { before: before.validFrom ?? null, after: after.validFrom ?? null };
  if ((before.validTo ?? null) !== (after.validTo ?? null)) settings.validTo = { before: before.validTo ?? null, after: after.validTo ?? null };
  if ((before.rationale ?? null) !== (after.rationale ?? null)) settings.rationale = { before: before.rationale ?? null, after: after.rationale ?? null };
  const identical = added.length === 0 && removed.length === 0 && changed.length === 0 && Object.keys(settings).length === 0;
  return { added, removed, changed, unchanged, settings, identical };
}
