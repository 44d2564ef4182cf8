// The diff of two profile versions (GET .../profiles/{code}/diff, built by
// profiling/diff.ts) as rows a reviewer reads: what changed, before → after.
// Conditions, notes and tables come from the two versions' documents.
import { compactJson } from "./profile-conditions.js";

import type { ProfileDiff as EngineDiff } from "../../profiling/diff.js";

export type { IndicatorChange, IndicatorSummary } from "../../profiling/diff.js";

/** The diff as the API answers it: the engine's diff and the two versions compared. */
export interface ProfileDiff extends EngineDiff {
  profileCode: string;
  from: { version: number; status: string };
  to: { version: number; status: string };
}

export const SETTING_KEYS = ["name", "target", "thresholds", "randomRate", "scope", "validFrom", "validTo", "rationale"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** One line of the diff: `what` is a setting, `thresholds.high`, or an indicator's change. */
export interface DiffRow {
  what: string;
  before: string;
  after: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** A value as the reviewer reads it; null and absent read as an empty mark. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : compactJson(value);
}

/** Changed settings; thresholds one row per level that moved. */
export function settingRows(settings: ProfileDiff["settings"]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const key of SETTING_KEYS) {
    const change = settings[key];
    if (!change) continue;
    const { before, after } = change as { before: unknown; after: unknown };
    if (key === "thresholds" && isObject(before) && isObject(after)) {
      for (const level of ["high", "medium", "low", "select"]) {
        if (before[level] !== after[level]) rows.push({ what: `thresholds.${level}`, before: valueText(before[level]), after: valueText(after[level]) });
      }
    } else rows.push({ what: key, before: valueText(before), after: valueText(after) });
  }
  return rows;
}

/** The indicators of a document by code. */
export function indicatorsByCode(doc: unknown): Map<string, Json> {
  const list = isObject(doc) && Array.isArray(doc.indicators) ? doc.indicators : [];
  return new Map(list.filter(isObject).map((ind) => [String(ind.code), ind]));
}

function tableText(table: unknown): string {
  if (!isObject(table)) return "—";
  const entries = isObject(table.entries) ? Object.keys(table.entries).length : 0;
  return `key ${compactJson(table.key)}, ${entries} entries${table.default === undefined ? "" : `, default ${valueText(table.default)}`}`;
}

/** Before → after of each change of a changed indicator, read from the two documents. */
export function changeRows(change: ProfileDiff["changed"][number], before: Json | undefined, after: Json | undefined): DiffRow[] {
  return change.changes.map((what) => {
    switch (what) {
      case "kind":
        return { what, before: change.before.kind, after: change.after.kind };
      case "points":
        return { what, before: valueText(change.before.points), after: valueText(change.after.points) };
      case "label":
        return { what, before: change.before.label, after: change.after.label };
      case "table":
        return { what, before: tableText(before?.table), after: tableText(after?.table) };
      default:
        return { what, before: valueText(before?.[what]), after: valueText(after?.[what]) };
    }
  });
}

/** The version to compare with by default: the latest one before `current`, else the latest other one. */
export function defaultBaseline(versions: readonly number[], current: number): number | null {
  const others = versions.filter((v) => v !== current);
  const earlier = others.filter((v) => v < current);
  if (earlier.length > 0) return Math.max(...earlier);
  return others.length > 0 ? Math.max(...others) : null;
}
