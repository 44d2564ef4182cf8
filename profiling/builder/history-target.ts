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
  /** The wording as data, for a reader in another language to compose it. */
  facts: WordingFacts;
}

/** What the records were and what their hits found, as data. */
export interface WordingFacts {
  records: "containers" | "airWaybills" | "declarations" | "records";
  /** A commodity's seizures (share of the hits in %, null when all were of it), any seizure, or fraud. */
  finding: { kind: "commodity"; commodity: string; sharePercent: number | null } | { kind: "seizure" } | { kind: "fraud" };
}

const KNOWN = new Set<string>(COMMODITIES);

function recordsKind(prepared: PreparedHistory, rows: readonly number[], containers: number, air: number): WordingFacts["records"] {
  if (containers >= rows.length / 2) return "containers";
  if (air >= rows.length / 2) return "airWaybills";
  return prepared.raw.groups.length > 0 ? "declarations" : "records";
}

const RECORDS_NOUN: Record<WordingFacts["records"], string> = { containers: "inspected containers", airWaybills: "inspected air waybills", declarations: "inspected declarations", records: "inspected records" };

export function historyTarget(prepared: PreparedHistory, rows: readonly number[], shape: { containers: number; air: number }): HistoryTarget {
  const counts = new Map<string, number>();
  let hits = 0;
  for (const i of rows) {
    if (!prepared.hit[i]) continue;
    hits++;
    const c = prepared.commodity[i]?.toLowerCase();
    if (c !== undefined && KNOWN.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const kind = recordsKind(prepared, rows, shape.containers, shape.air);
  const records = RECORDS_NOUN[kind];
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
      facts: { records: kind, finding: { kind: "commodity", commodity, sharePercent: only ? null : Math.round((100 * n) / hits) } },
    };
  }
  if (named > 0) {
    return { target: { kind: "commodity", commodity: "other" }, wording: { found: "found a seizure", hits: "seizures", records }, title: "seizures", facts: { records: kind, finding: { kind: "seizure" } } };
  }
  return {
    target: { kind: "revenue", fraud: "customs fraud found at inspection" },
    wording: { found: "found fraud", hits: "findings of fraud", records },
    title: "findings of fraud",
    facts: { records: kind, finding: { kind: "fraud" } },
  };
}
