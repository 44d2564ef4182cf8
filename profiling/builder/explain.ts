// Plain-language account of what the builder learned, for the analyst who
// must decide whether to trust it: the strongest entries with the history
// behind them ("Importer QLRUBN9: 14 of 16 past inspections found fraud →
// +18.2 points") and, per indicator, how many entries it holds.
import { bandCode, bandLabel, formatNumber, valueCode } from "./emit-profile.js";
import type { LearnedModel } from "./train-model.js";

export interface EntryExplanation {
  /** Indicator code as emitted (table code, or band code for numeric bands). */
  indicator: string;
  /** The key value (table entry) or band label. */
  value: string;
  count: number;
  hits: number;
  points: number;
  /** What the entry is: a key's value of a table, its rarely seen values, a flag or a numeric band. */
  kind: "value" | "other" | "flag" | "band";
  /** The indicator's label (a band's own label), for a reader in another language to compose `text`. */
  label: string;
  /** For "other": values seen fewer times than this share the default points. */
  minCount?: number;
  /** English sentence, kept for API clients. */
  text: string;
}

export interface IndicatorSummary {
  code: string;
  label: string;
  kind: "table" | "bands" | "values" | "flag";
  /** Table entries emitted (values with points of their own), or bands. */
  entries: number;
  /** Points of values the table does not list (rare or unseen). */
  defaultPoints: number;
  minPoints: number;
  maxPoints: number;
  /** Records of the history the indicator matched. */
  coverage: number;
}

/** How the history's hits are worded: "found cocaine", "found fraud". */
export interface HitWording {
  /** "found cocaine" / "found fraud" / "found something". */
  found: string;
  /** "cocaine seizures", "findings of customs fraud". */
  hits: string;
  /** "inspected containers", "inspected declarations". */
  records: string;
}

function sign(p: number): string {
  return p >= 0 ? `+${p.toFixed(1)}` : p.toFixed(1);
}

type Described = { indicator: string; value: string; subject: string; kind: EntryExplanation["kind"]; label: string; minCount?: number };

function describeFeature(model: LearnedModel, f: number): Described | undefined {
  const info = model.space.features[f]!;
  const spec = model.space.raw.groups[info.group]!;
  if (info.kind === "value") {
    const shown = info.value.split("|").join(" / ");
    const indicator = spec.kind === "values" ? valueCode(spec.code, info.value) : spec.code;
    // A "values" group emits one rule per value, labelled "<label> <value>" ("Transshipped in PAMIT"): a flag to its reader.
    if (spec.kind === "values") return { indicator, value: info.value, subject: `${spec.noun} ${shown}`, kind: "flag", label: `${spec.label} ${info.value}` };
    return { indicator, value: info.value, subject: `${spec.noun} ${shown}`, kind: "value", label: spec.label };
  }
  if (info.kind === "other") {
    const min = spec.kind === "table" ? (spec.minCount ?? 1) : 1;
    return { indicator: spec.code, value: "(default)", subject: `${spec.noun}: any value seen fewer than ${min} times`, kind: "other", label: spec.label, minCount: min };
  }
  if (info.kind === "flag") return { indicator: spec.code, value: "true", subject: spec.label, kind: "flag", label: spec.label };
  if (spec.kind !== "bins") return undefined;
  const ix = model.space.index[info.group]!;
  const label = bandLabel(spec, info);
  return { indicator: bandCode(spec, f - ix.first!), value: label, subject: label, kind: "band", label };
}

function outcomeText(count: number, hits: number, wording: HitWording): string {
  if (count === 1) return hits === 1 ? `its one past inspection ${wording.found}` : "its one past inspection found nothing";
  return `${hits} of ${count} past inspections ${wording.found}`;
}

/** The entries with the largest points (positive first, then the most negative). */
export function strongestEntries(model: LearnedModel, top: number, wording: HitWording, negatives = Math.ceil(top / 4)): EntryExplanation[] {
  const order = [...model.points.keys()].filter((f) => model.points[f] !== 0);
  const byPoints = (a: number, b: number) => model.points[b]! - model.points[a]! || model.stats[b]!.count - model.stats[a]!.count;
  order.sort(byPoints);
  const pos = order.filter((f) => model.points[f]! > 0).slice(0, top);
  const neg = order.filter((f) => model.points[f]! < 0).slice(-negatives).reverse();
  const out: EntryExplanation[] = [];
  for (const f of [...pos, ...neg]) {
    const d = describeFeature(model, f);
    if (d === undefined) continue;
    const { count, hits } = model.stats[f]!;
    const points = model.points[f]!;
    const structured = { kind: d.kind, label: d.label, ...(d.minCount === undefined ? {} : { minCount: d.minCount }) };
    out.push({ indicator: d.indicator, value: d.value, count, hits, points, ...structured, text: `${d.subject}: ${outcomeText(count, hits, wording)} → ${sign(points)} points` });
  }
  return out;
}

export function summariseIndicators(model: LearnedModel): IndicatorSummary[] {
  const { space, points, stats } = model;
  const byGroup: number[][] = space.raw.groups.map(() => []);
  space.features.forEach((f, j) => byGroup[f.group]!.push(j));
  const out: IndicatorSummary[] = [];
  space.raw.groups.forEach((spec, g) => {
    const feats = byGroup[g]!;
    if (feats.length === 0) return;
    const ix = space.index[g]!;
    const pts = feats.map((j) => points[j]!);
    const defaultPoints = ix.other !== undefined ? points[ix.other]! : 0;
    out.push({
      code: spec.code,
      label: spec.label,
      kind: spec.kind === "table" ? "table" : spec.kind === "bins" ? "bands" : spec.kind === "values" ? "values" : "flag",
      entries: pts.filter((p) => p !== defaultPoints).length,
      defaultPoints,
      minPoints: pts.reduce((a, b) => Math.min(a, b), pts[0] ?? 0),
      maxPoints: pts.reduce((a, b) => Math.max(a, b), pts[0] ?? 0),
      coverage: feats.reduce((n, j) => n + stats[j]!.count, 0),
    });
  });
  return out;
}

/** What the explanation says about the model's settings. */
export interface TrainingNotes {
  pointsPerLogOdds: number;
  halfLifeDays: number;
  l2: number;
  wording: HitWording;
  /** How the selection bias was corrected, in one sentence. */
  selection: string;
  /** Where the settings were chosen: "on the later 20 % of the history (from 2025-07-01)". */
  tunedOn: string | undefined;
  currency: string | undefined;
}

/** One paragraph an analyst can read before switching the profile on. */
export function describeTraining(model: LearnedModel, notes: TrainingNotes): string {
  const h = model.history;
  const rate = h.records === 0 ? 0 : (100 * h.hits) / h.records;
  const decay = Number.isFinite(notes.halfLifeDays) && notes.halfLifeDays > 0 ? `older inspections count half every ${formatNumber(notes.halfLifeDays)} days` : "all inspections count the same";
  const tuned = notes.tunedOn === undefined ? "" : ` The decay and the shrinkage were chosen ${notes.tunedOn}.`;
  const money = notes.currency === undefined ? "" : ` Amounts are compared in ${notes.currency}, the currency of most declared values.`;
  return (
    `Learned from ${h.records} ${notes.wording.records} (${h.from} to ${h.to}), ${h.hits} of which ${notes.wording.found} (${rate.toFixed(1)} %); ` +
    `${decay}. ${notes.selection}${tuned}${money} Each point is 1/${notes.pointsPerLogOdds} of a unit of log-odds: an indicator worth +${notes.pointsPerLogOdds} points ` +
    `multiplies the odds of ${notes.wording.hits} by about 2.7, all else equal. Rarely seen values are pulled toward the overall rate, so a value ` +
    `seen once earns far fewer points than one seen often at the same rate, and no value seen fewer than three times gets points of its own.`
  ).slice(0, 2_000);
}
