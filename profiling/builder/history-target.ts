// What the history's hits were, read from the data: a profile built from
// cocaine seizures targets cocaine and says "found cocaine", one built from
// customs findings without a commodity targets revenue fraud.
import { COMMODITIES } from "../dsl/profile-types.js";
import type { EmittedProfile } from "./emit-profile.js";
import type { HitWording } from "./explain.js";
import type { PreparedHistory } from "./prepare-history.js";

export interface HistoryTarget {
  target: EmittedProfile["target"];
  wording: HitWording;
  /** "cocaine seizures", for the profile's name. */
  title: string;
}

const KNOWN = new Set<string>(COMMODITIES);

function recordsNoun(prepared: PreparedHistory, rows: readonly number[], containers: number, air: number): string {
  if (containers >= rows.length / 2) return "inspected containers";
  if (air >= rows.length / 2) return "inspected air waybills";
  return prepared.raw.groups.length > 0 ? "inspected declarations" : "inspected records";
}

export function historyTarget(prepared: PreparedHistory, rows: readonly number[], shape: { containers: number; air: number }): HistoryTarget {
  const counts = new Map<string, number>();
  let hits = 0;
  for (const i of rows) {
    if (!prepared.hit[i]) continue;
    hits++;
    const c = prepared.commodity[i]?.toLowerCase();
    if (c !== undefined && KNOWN.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const records = recordsNoun(prepared, rows, shape.containers, shape.air);
  const named = [...counts.values()].reduce((a, b) => a + b, 0);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  // A commodity target only when the hits say so: most hits name one commodity.
  if (top !== undefined && named >= hits / 2 && top[1] >= 0.6 * named) {
    const [commodity, n] = top;
    const only = n === hits;
    const shown = commodity.replace(/_/g, " ");
    return {
      target: { kind: "commodity", commodity },
      wording: { found: only ? `found ${shown}` : "found a seizure", hits: only ? `${shown} seizures` : `seizures (${Math.round((100 * n) / hits)} % ${shown})`, records },
      title: `${shown} seizures`,
    };
  }
  if (named > 0) {
    return { target: { kind: "commodity", commodity: "other" }, wording: { found: "found a seizure", hits: "seizures", records }, title: "seizures" };
  }
  return {
    target: { kind: "revenue", fraud: "customs fraud found at inspection" },
    wording: { found: "found fraud", hits: "findings of fraud", records },
    title: "findings of fraud",
  };
}
