// Robustness of the profile builder, printed as one JSON object: for each
// variant of the seeded container history (fixtures/container-history/
// variants.ts: drift, a low base rate, a strongly biased legacy selection,
// label noise, new parties in the later period, a rare high-risk HS code) and
// each seed, the builder learns from the 18 training months and the next 3
// months are scored with the CLI's scorer (context as of each day), as in
// bench/profile-quality.ts. Beside it, two references scored the same way:
// - baseline: the built-in maritime baseline profile (fixtures/profiles/baseline.json);
// - bestFlag: the one candidate flag of the builder's catalog with the highest
//   hit rate among the training inspections (support >= 30), chosen on the
//   training period only; it ranks the later boxes holding it first.
// Figures are expected precision at the top 1/2/5 % under the planted
// probabilities, divided by the oracle's (ranking by the true probability),
// and the same for recall at 10 %. Boxes tied on score share the cut's
// places pro rata (a flag gives thousands of ties), for every ranking alike.
//
// --arrival-dated-seizures drops every inspection's date before the build and
// the scoring, so a seizure links its parties from the day after its box
// arrived, as the builder did before it read inspectedAt: with the
// lateRecording variant it shows what that reading is worth.
//
//   npx tsx bench/profile-robustness.ts [--variants default,drift,...] [--seeds 7,11,12] [--arrival-dated-seizures]
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { addToBuilderHistory, type BuilderHistory } from "../core/history/builder-records.js";
import { mapHistoryLine } from "../core/history/manifest-history-line.js";
import { scoreWithHistory } from "../cli/manifest-history-files.js";
import { compileProfile } from "../profiling/dsl/compile.js";
import { validateProfile } from "../profiling/dsl/validate.js";
import { buildProfile } from "../profiling/builder/build-profile.js";
import { candidateGroups } from "../profiling/builder/candidate-groups.js";
import { FLAG_TRUE } from "../profiling/builder/feature-extract.js";
import type { FlagGroupSpec } from "../profiling/builder/feature-catalog.js";
import { prepareHistory } from "../profiling/builder/prepare-history.js";
import { lineId } from "../fixtures/container-history/index.js";
import { generateVariant, VARIANTS, type Variant } from "../fixtures/container-history/variants.js";

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const seeds = (arg("seeds") ?? "7,11,12").split(",").map(Number);
const variants = (arg("variants") ?? VARIANTS.join(",")).split(",") as Variant[];
for (const v of variants) if (!VARIANTS.includes(v)) throw new Error(`--variants: unknown ${v} (one of ${VARIANTS.join(", ")})`);
const arrivalDated = process.argv.includes("--arrival-dated-seizures");
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

interface Row { score: number; p: number }

/** Expected hits in the top `k`, boxes tied on the score at the cut sharing its places pro rata. */
function expectedTop(rows: readonly Row[], k: number): number {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  let taken = 0;
  let sum = 0;
  let i = 0;
  while (i < sorted.length && taken < k) {
    let j = i;
    let block = 0;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) block += sorted[j++]!.p;
    const n = j - i;
    const share = Math.min(1, (k - taken) / n);
    sum += block * share;
    taken += n * share;
    i = j;
  }
  return sum;
}

function ratios(rows: readonly Row[]) {
  const oracle = rows.map((r) => ({ score: r.p, p: r.p }));
  const total = rows.reduce((a, r) => a + r.p, 0);
  const out: Record<string, number> = {};
  for (const pct of [1, 2, 5]) {
    const k = Math.ceil((rows.length * pct) / 100);
    out[`${pct}%`] = round(expectedTop(rows, k) / expectedTop(oracle, k));
  }
  const k10 = Math.ceil(rows.length * 0.1);
  out.recallAt10 = round(expectedTop(rows, k10) / total / (expectedTop(oracle, k10) / total));
  return out;
}

const baseline = (() => {
  const checked = validateProfile(JSON.parse(readFileSync(resolve(here, "../fixtures/profiles/baseline.json"), "utf8")));
  if (!checked.ok) throw new Error("baseline.json does not validate");
  return compileProfile(checked.profile);
})();

function run(variant: Variant, seed: number) {
  const world = generateVariant(variant, { seed });
  const history: BuilderHistory = { records: [], unlabelled: [] };
  world.history.forEach((line, i) => {
    const mapped = mapHistoryLine(line, i + 1);
    if (!mapped.ok) throw new Error(`${variant} seed ${seed} history line ${i + 1}: ${mapped.reasons.join("; ")}`);
    addToBuilderHistory(history, arrivalDated ? { ...mapped.row, inspectedAt: undefined } : mapped.row);
  });
  const later = world.later.map((line, i) => {
    const mapped = mapHistoryLine({ ...line, outcome: null }, i + 1);
    if (!mapped.ok) throw new Error(`${variant} seed ${seed} later line ${i + 1}: ${mapped.reasons.join("; ")}`);
    return { id: lineId(line), shipment: mapped.row.shipment, date: mapped.row.date };
  });
  const truth = new Map(world.truth.map((t) => [t.id, t.probability]));
  const rowsOf = (scores: readonly { id: string; score: number }[]) => scores.map((s) => ({ score: s.score, p: truth.get(s.id)! }));

  const hits = history.records.filter((r) => r.label.hit).length;
  let builder: Record<string, unknown>;
  try {
    const { profile, report } = buildProfile(history.records, { unlabelled: history.unlabelled });
    const checked = validateProfile(profile);
    if (!checked.ok) throw new Error(`the built profile does not validate: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    const scored = scoreWithHistory(compileProfile(checked.profile), history, later, "bench");
    builder = { ...ratios(rowsOf(scored.map((s) => ({ id: s.id, score: s.result.score })))), indicators: profile.indicators.length, tuning: report.tuning?.chosen };
  } catch (e) {
    builder = { error: (e as Error).message };
  }
  const base = scoreWithHistory(baseline, history, later, "bench");

  // The single flag with the highest hit rate among the training inspections.
  const flags = candidateGroups(undefined).filter((g): g is FlagGroupSpec => g.kind === "flag");
  const prepared = prepareHistory(history.records, [...history.unlabelled, ...later.map((l) => ({ shipment: l.shipment, date: l.date }))], flags);
  let best = { code: "", rate: -1, support: 0 };
  flags.forEach((g, c) => {
    const col = prepared.raw.columns[c]!;
    if (col.kind !== "flag") return;
    let n = 0;
    let h = 0;
    for (const i of prepared.labelled) {
      if (col.flags[i] !== FLAG_TRUE) continue;
      n++;
      h += prepared.hit[i]!;
    }
    if (n >= 30 && h / n > best.rate) best = { code: g.code, rate: h / n, support: n };
  });
  const bestCol = prepared.raw.columns[flags.findIndex((g) => g.code === best.code)]!;
  const offset = history.records.length + history.unlabelled.length;
  const flagScores = later.map((l, j) => ({ id: l.id, score: bestCol.kind === "flag" && bestCol.flags[offset + j] === FLAG_TRUE ? 1 : 0 }));

  return {
    variant,
    seed,
    history: { lines: world.history.length, inspected: history.records.length, hits, random: history.records.filter((r) => r.selectedBy === "random").length },
    later: { shipments: later.length, expectedHits: round(world.truth.reduce((a, t) => a + t.probability, 0), 1) },
    builder,
    baseline: ratios(rowsOf(base.map((s) => ({ id: s.id, score: s.result.score })))),
    bestFlag: { code: best.code, trainingHitRate: round(best.rate, 3), support: best.support, ...ratios(rowsOf(flagScores)) },
  };
}

const results = variants.flatMap((v) => seeds.map((s) => run(v, s)));
const mean = (rows: typeof results, pick: (r: (typeof results)[number]) => number | undefined) => {
  const xs = rows.map(pick).filter((x): x is number => typeof x === "number");
  return xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length);
};
const summary = Object.fromEntries(
  variants.map((v) => {
    const rows = results.filter((r) => r.variant === v);
    const of = (who: "builder" | "baseline" | "bestFlag") => Object.fromEntries(["1%", "2%", "5%", "recallAt10"].map((k) => [k, mean(rows, (r) => (r[who] as Record<string, number | undefined>)[k])]));
    return [v, { builder: of("builder"), baseline: of("baseline"), bestFlag: of("bestFlag") }];
  }),
);
console.log(JSON.stringify({ seeds, arrivalDatedSeizures: arrivalDated, meanRatioToOracle: summary, runs: results }));
