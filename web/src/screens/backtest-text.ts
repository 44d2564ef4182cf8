// What the back-test and comparison say beside their figures, apart from the
// screen so it can be tested: which active versions to offer as a baseline
// first, why a profile scored nothing, and what the indicator chart counts.
import { appliesToModes } from "../../../core/profiles/profile-order.js";
import type { Translate } from "../i18n.js";
import { TRANSPORT_MODES } from "../profile-form.js";

export interface ActiveProfile {
  code: string;
  activeVersion: number | null;
  /** The transport modes of its scope (null or absent: every mode). */
  transportModes?: readonly string[] | null;
}

/**
 * The baselines that apply to the candidate's transport modes (share one, or
 * either has no mode scope), then the others: a baseline for air cargo scores
 * none of a seaport's records, and comparing with it says nothing. The list's
 * order (the unit's own modes first, then by code) is kept within each group.
 */
export function baselineGroups<P extends ActiveProfile>(actives: readonly P[], candidateModes: readonly string[] | null): { applying: P[]; others: P[] } {
  const applies = (p: P) => candidateModes === null || appliesToModes(p.transportModes ?? null, candidateModes);
  return { applying: actives.filter(applies), others: actives.filter((p) => !applies(p)) };
}

const isTransportMode = (m: string): m is (typeof TRANSPORT_MODES)[number] => (TRANSPORT_MODES as readonly string[]).includes(m);
export const modeNames = (t: Translate, list: readonly string[]) => list.map((m) => (isTransportMode(m) ? t(`pf.mode.${m}`) : m)).join(", ");

/**
 * Why a profile's figures say nothing, or null when it scored some record:
 * its scope misses every transport mode of the history (an air profile on a
 * seaport), or it scored none of the records for another reason.
 */
export function unscoredText(t: Translate, profile: { noRecordScored?: boolean; scopeTransportModes?: string[] | null }, history: readonly string[] = []): string | null {
  if (!profile.noRecordScored) return null;
  const scope = profile.scopeTransportModes ?? null;
  return scope !== null && history.length > 0 && !history.some((m) => scope.includes(m))
    ? t("backtest.outOfScope", { scope: modeNames(t, scope), history: modeNames(t, history) })
    : t("backtest.noRecordScored");
}

/**
 * The indicator chart's caption. The back-test lists only the indicators that
 * matched at least one record, so "of {total}" was that count, not the
 * profile's (4 of a profile of 10 read as if the profile had 4): say what is
 * counted, and how many of the profile's indicators matched nothing.
 */
export function indicatorCaption(t: Translate, number: (n: number) => string, counts: { shown: number; matched: number; inProfile: number | null }): string {
  const caption = t("backtest.strongestOfMatched", { shown: number(counts.shown), matched: number(counts.matched) });
  const { inProfile, matched } = counts;
  if (inProfile === null || inProfile <= matched) return caption;
  return `${caption} ${t("backtest.unmatchedIndicators", { unmatched: inProfile - matched, count: inProfile })}`;
}
