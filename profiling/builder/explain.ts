// Plain-language account of what the builder learned, for the analyst who
// must decide whether to trust it: the strongest entries with the history
// behind them ("Importer QLRUBN9: 14 of 16 past inspections found fraud →
// +18.2 points") and, per indicator, how many entries it holds.
import { bandLabel, formatNumber } from "./emit-profile.js";
import type { LearnedModel } from "./train-model.js";

export interface EntryExplanation {
  /** Indicator code as emitted (table code, or band code for numeric bands). */
  indicator: string;
  /** The key value (table entry) or band label. */
  value: string;
  count: number;
  hits: number;
  points: number;
  text: string;
}

export interface IndicatorSummary {
  code: string;
  label: string;
  kind: "table" | "bands";
  /** Table entries emitted (values with points of their own), or bands. */
  entries: number;
  /** Points of values the table does not list (rare or unseen). */
  defaultPoints: number;
  minPoints: number;
  maxPoints: number;
  /** Records of the history the indicator matched. */
  coverage: number;
}

const NUMERIC_PATHS = new Set(["netWeightKg", "grossWeightKg", "declaredValue", "packages", "attributes.taxRate"]);

function sign(p: number): string {
  return p >= 0 ? `+${p.toFixed(1)}` : p.toFixed(1);
}

function describeFeature(model: LearnedModel, f: number): { indicator: string; value: string; subject: string } | undefined {
  const info = model.space.features[f]!;
  const ix = model.space.index[info.group]!;
  if (ix.kind === "table") {
    if (info.kind === "value") {
      // Amounts keep their exact text in the table key; shown, 1.2000000000000002 reads as 1.2.
      const paths = ix.spec.key;
      const shown = info.value
        .split("|")
        .map((v, i) => (NUMERIC_PATHS.has(paths[i] ?? "") && Number.isFinite(Number(v)) ? formatNumber(Number(v)) : v))
        .join(" / ");
      return { indicator: ix.spec.code, value: info.value, subject: `${ix.spec.noun} ${shown}` };
    }
    if (info.kind === "other") {
      const min = ix.spec.minCount ?? 1;
      return { indicator: ix.spec.code, value: "(default)", subject: `${ix.spec.noun}: any value seen fewer than ${min} times` };
    }
    return undefined;
  }
  if (info.kind !== "band") return undefined;
  const label = bandLabel(ix.spec, info);
  return { indicator: ix.spec.code, value: label, subject: label };
}

function fraudText(count: number, hits: number): string {
  if (count === 1) return hits === 1 ? "its one past inspection found fraud" : "its one past inspection found nothing";
  return `${hits} of ${count} past inspections found fraud`;
}

/** The entries with the largest points (positive first, then the most negative). */
export function strongestEntries(model: LearnedModel, top: number, negatives = Math.ceil(top / 4)): EntryExplanation[] {
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
    out.push({ indicator: d.indicator, value: d.value, count, hits, points, text: `${d.subject}: ${fraudText(count, hits)} → ${sign(points)} points` });
  }
  return out;
}

export function summariseIndicators(model: LearnedModel): IndicatorSummary[] {
  const { space, points, stats } = model;
  const byGroup: number[][] = space.index.map(() => []);
  space.features.forEach((f, j) => byGroup[f.group]!.push(j));
  return space.index.map((ix, g) => {
    const feats = byGroup[g]!;
    const pts = feats.map((j) => points[j]!);
    const coverage = feats.reduce((n, j) => n + stats[j]!.count, 0);
    const defaultPoints = ix.kind === "table" && ix.other !== undefined ? points[ix.other]! : 0;
    const entries = ix.kind === "table" ? [...ix.byValue.values()].filter((j) => points[j] !== defaultPoints).length : pts.filter((p) => p !== 0).length;
    return {
      code: ix.spec.code,
      label: ix.spec.label,
      kind: ix.kind === "table" ? "table" : "bands",
      entries,
      defaultPoints,
      minPoints: pts.reduce((a, b) => Math.min(a, b), pts[0] ?? 0),
      maxPoints: pts.reduce((a, b) => Math.max(a, b), pts[0] ?? 0),
      coverage,
    };
  });
}

/** One paragraph an analyst can read before switching the profile on. */
export function describeTraining(model: LearnedModel, pointsPerLogOdds: number, halfLifeDays: number): string {
  const h = model.history;
  const rate = h.records === 0 ? 0 : (100 * h.hits) / h.records;
  const decay = Number.isFinite(halfLifeDays) && halfLifeDays > 0 ? `older inspections count half every ${formatNumber(halfLifeDays)} days` : "all inspections count the same";
  return (
    `Learned from ${h.records} inspected declarations (${h.from} to ${h.to}), ${h.hits} of which found fraud (${rate.toFixed(1)} %); ` +
    `${decay}. Each point is 1/${pointsPerLogOdds} of a unit of log-odds: an indicator worth +${pointsPerLogOdds} points ` +
    `multiplies the odds of fraud by about 2.7, all else equal. Rarely seen values are pulled toward the overall rate, so a value ` +
    `seen once earns far fewer points than one seen often at the same rate.`
  );
}
