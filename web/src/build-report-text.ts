// A profile build's report in the reader's words: the explanation paragraph
// and the strongest indicators, composed here from the job result's data
// (profiling/builder/explain.ts writes the same text in English for API
// clients: `explanation` and `strongest[].text`). Numbers, percentages and
// dates in the reader's formats; indicator labels through indicatorLabel.
import type { Formatters } from "./format.js";
import type { MessageKey, Translate } from "./i18n.js";
import { indicatorLabel } from "./indicator-labels.js";

export type WordingFacts = {
  records: "containers" | "airWaybills" | "declarations" | "records";
  finding: { kind: "commodity"; commodity: string; sharePercent: number | null } | { kind: "seizure" } | { kind: "fraud" };
};

/** The part of the build job's `report` the explanation is made of. */
export interface ExplainedReport {
  history: { records: number; hits: number; from: string; to: string };
  options: { halfLifeDays: number | null; pointsPerLogOdds: number; selectionWeights: Partial<Record<string, number>> };
  currency?: string | null;
  wording: WordingFacts;
  tunedOn: { percent: number; from: string } | null;
}

export interface StrongestEntry {
  kind: "value" | "other" | "flag" | "band";
  label: string;
  value: string;
  count: number;
  hits: number;
  points: number;
  minCount?: number;
}

function commodityName(t: Translate, commodity: string): string {
  const key = `commodity.${commodity}` as MessageKey;
  const name = t(key);
  return (name === key ? commodity.replace(/_/g, " ") : name).toLocaleLowerCase();
}

function found(t: Translate, wording: WordingFacts, n: number): string {
  const f = wording.finding;
  if (f.kind === "commodity") return t("build.found.commodity", { commodity: commodityName(t, f.commodity), n });
  return t(f.kind === "seizure" ? "build.found.seizure" : "build.found.fraud", { n });
}

function hitsNoun(t: Translate, fmt: Formatters, wording: WordingFacts): string {
  const f = wording.finding;
  if (f.kind === "commodity") {
    const commodity = commodityName(t, f.commodity);
    return f.sharePercent === null ? t("build.hitsNoun.commodity", { commodity }) : t("build.hitsNoun.commodityShare", { commodity, share: fmt.percent(f.sharePercent / 100) });
  }
  return t(f.kind === "seizure" ? "build.hitsNoun.seizure" : "build.hitsNoun.fraud");
}

/** The explanation paragraph: what the profile learned from, how, and how to read its points. */
export function buildExplanation(t: Translate, fmt: Formatters, report: ExplainedReport): string {
  const h = report.history;
  const halfLife = report.options.halfLifeDays;
  const decay = halfLife !== null && Number.isFinite(halfLife) && halfLife > 0 ? t("build.decay", { days: halfLife }) : t("build.noDecay");
  const sentences = [
    t("build.learned", {
      records: t("build.records", { kind: report.wording.records, count: h.records }),
      from: fmt.date(h.from),
      to: fmt.date(h.to),
      hits: fmt.number(h.hits, 0),
      found: found(t, report.wording, h.hits),
      rate: fmt.percent(h.records === 0 ? 0 : h.hits / h.records),
      decay,
    }),
  ];
  const weights = report.options.selectionWeights;
  const parts: string[] = [];
  if (weights.random !== undefined && weights.random !== 1) parts.push(t("build.selection.random", { weight: fmt.number(weights.random, 1) }));
  if (weights.intelligence !== undefined && weights.intelligence !== 1) parts.push(t("build.selection.intelligence", { weight: fmt.number(weights.intelligence, 1) }));
  sentences.push(parts.length === 0 ? t("build.selection.none") : t("build.selection.weighted", { parts: parts.join("; ") }));
  if (report.tunedOn) sentences.push(t("build.tunedOn", { percent: fmt.percent(report.tunedOn.percent / 100), from: fmt.date(report.tunedOn.from) }));
  if (report.currency) sentences.push(t("build.currency", { currency: report.currency }));
  const points = report.options.pointsPerLogOdds;
  sentences.push(t("build.points", { points: fmt.number(points, 2), hitsNoun: hitsNoun(t, fmt, report.wording), factor: fmt.number(Math.E, 1) }));
  sentences.push(t("build.rare"));
  return sentences.join(" ");
}

/** One strongest entry: "Port of loading BRSSZ: 14 of 16 past inspections found fraud → +18.2 points". */
export function strongestText(t: Translate, fmt: Formatters, wording: WordingFacts, entry: StrongestEntry): string {
  const label = indicatorLabel(t, entry.label);
  const subject =
    entry.kind === "value"
      ? t("build.entry.value", { label, value: entry.value.split("|").join(" / ") })
      : entry.kind === "other"
        ? t("build.entry.other", { label, min: entry.minCount ?? 1 })
        : label;
  const outcome =
    entry.count === 1
      ? entry.hits === 1
        ? t("build.outcome.oneHit", { found: found(t, wording, 1) })
        : t("build.outcome.oneNothing")
      : t("build.outcome.many", { hits: fmt.number(entry.hits, 0), count: entry.count, found: found(t, wording, entry.hits) });
  const shown = `${entry.points >= 0 ? "+" : ""}${fmt.number(entry.points, 1)}`;
  // "1.0 point" reads as one; anything else as many.
  return t("build.entry", { subject, outcome, points: shown, count: Math.abs(Math.round(entry.points * 10) / 10) === 1 ? 1 : 2 });
}
