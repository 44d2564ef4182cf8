// Profile quality, as a unit would get it, printed as one JSON object:
//
// 1. Container histories from the seeded generator (fixtures/container-history):
//    18 months of a unit's manifests with the outcomes its biased legacy
//    selection found are read through the manifest-jsonl mapper, a profile is
//    built, and the next 3 months are scored with the CLI's own scorer (context
//    as of each day). Precision at the top 1/2/5 % and recall at 10 % are the
//    expected ones under the planted probabilities (low-variance), divided by
//    the oracle's (ranking by the true probability), with the realised hits
//    alongside.
// 2. customs-declarations: built on train.csv (2020), measured on valid.csv
//    (2021 Q1) and on its rows whose (HS6, net mass, item price) never occurs
//    in train.csv. Nothing is tuned on valid.csv.
//
//   npx tsx bench/profile-quality.ts [--seeds 7,11,12] [--skip-customs]
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { precisionAtTopShare } from "../profiling/backtest.js";
import { buildProfile } from "../profiling/builder/build-profile.js";
import { scoreAsOfDay } from "../profiling/builder/held-out-backtest.js";
import { backtest } from "../profiling/backtest.js";
import { compileProfile } from "../profiling/dsl/compile.js";
import { validateProfile } from "../profiling/dsl/validate.js";
import { mapLabelledDeclarationRow, type LabelledDeclaration } from "../profiling/history/customs-declarations.js";
import { addToBuilderHistory, type BuilderHistory } from "../core/history/builder-records.js";
import { mapHistoryLine } from "../core/history/manifest-history-line.js";
import { scoreWithHistory } from "../cli/manifest-history-files.js";
import { generateContainerHistory, lineId } from "../fixtures/container-history/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.CUSTOMS_DATA_DIR ?? resolve(here, "../../shared/data/customs-declarations");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const seeds = (arg("seeds") ?? "7,11,12").split(",").map(Number);
const round = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
}

function containerWorld(seed: number) {
  const world = generateContainerHistory({ seed });
  const history: BuilderHistory = { records: [], unlabelled: [] };
  world.history.forEach((line, i) => {
    const mapped = mapHistoryLine(line, i + 1);
    if (!mapped.ok) throw new Error(`seed ${seed} history line ${i + 1}: ${mapped.reasons.join("; ")}`);
    addToBuilderHistory(history, mapped.row);
  });
  const later = world.later.map((line, i) => {
    const mapped = mapHistoryLine({ ...line, outcome: null }, i + 1);
    if (!mapped.ok) throw new Error(`seed ${seed} later line ${i + 1}: ${mapped.reasons.join("; ")}`);
    return { id: lineId(line), shipment: mapped.row.shipment, date: mapped.row.date };
  });
  const truth = new Map(world.truth.map((t) => [t.id, t]));

  const wall = performance.now();
  const cpu = process.cpuUsage();
  const { profile, report } = buildProfile(history.records, { unlabelled: history.unlabelled });
  const build = { wallMs: Math.round(performance.now() - wall), cpuMs: cpuMs(cpu), lines: world.history.length, inspected: history.records.length };
  const checked = validateProfile(profile);
  if (!checked.ok) throw new Error(`seed ${seed}: the built profile does not validate: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  const scored = scoreWithHistory(compileProfile(checked.profile), history, later, "bench");

  const rows = scored.map((s) => ({ score: s.result.score, p: truth.get(s.id)!.probability, hit: truth.get(s.id)!.hit }));
  const byScore = [...rows].sort((a, b) => b.score - a.score);
  const byTruth = [...rows].sort((a, b) => b.p - a.p);
  const totalP = rows.reduce((a, r) => a + r.p, 0);
  const topP = (sorted: typeof rows, share: number) => sorted.slice(0, Math.ceil(rows.length * share)).reduce((a, r) => a + r.p, 0);
  const figures: Record<string, unknown> = {};
  for (const pct of [1, 2, 5]) {
    const k = Math.ceil(rows.length * pct / 100);
    const ours = topP(byScore, pct / 100) / k;
    const oracle = topP(byTruth, pct / 100) / k;
    figures[`${pct}%`] = { expectedPrecision: round(ours, 4), oraclePrecision: round(oracle, 4), ratioToOracle: round(ours / oracle, 2), realisedPrecision: round(precisionAtTopShare(rows, pct / 100).precision) };
  }
  const recall10 = topP(byScore, 0.1) / totalP;
  const oracleRecall10 = topP(byTruth, 0.1) / totalP;
  return {
    seed,
    build,
    history: report.history,
    target: profile.target,
    tuning: report.tuning?.chosen,
    laterPeriodInsideHistory: report.calibration,
    later: { shipments: rows.length, expectedHits: round(totalP, 1), realisedHits: rows.filter((r) => r.hit).length },
    precisionAtTop: figures,
    recallAt10: { expected: round(recall10), oracle: round(oracleRecall10), ratioToOracle: round(recall10 / oracleRecall10, 2) },
    indicators: profile.indicators.length,
  };
}

function loadDeclarations(file: string): LabelledDeclaration[] {
  const rows = parse<Record<string, string>>(readFileSync(resolve(dataDir, file), "utf8"), { columns: true, skip_empty_lines: true });
  return rows.map((row, i) => {
    const m = mapLabelledDeclarationRow(row);
    if (!m.ok) throw new Error(`${file} row ${i + 2}: ${m.reasons.join("; ")}`);
    return m.value;
  });
}

function customs() {
  const train = loadDeclarations("train.csv");
  const valid = loadDeclarations("valid.csv");
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const { profile, report } = buildProfile(train);
  const build = { wallMs: Math.round(performance.now() - wall), cpuMs: cpuMs(cpu), records: train.length };
  const checked = validateProfile(profile);
  if (!checked.ok) throw new Error(`the built profile does not validate: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  const results = scoreAsOfDay(compileProfile(checked.profile), train, valid);
  const figures = (records: LabelledDeclaration[], scored: typeof results) => {
    const metrics = backtest(records.map((r, i) => ({ score: scored[i]!.score, selected: scored[i]!.selected, hit: r.label.hit, indicators: [] })), { topK: [1, 2, 5, 10] });
    return {
      records: metrics.records,
      hitRate: round(metrics.baseRate),
      precisionAtTop: Object.fromEntries(metrics.topShares.map((t) => [`${t.percent}%`, round(t.precision)])),
      recallAt10: round(metrics.topShares.find((t) => t.percent === 10)!.recall),
    };
  };
  const triple = (r: LabelledDeclaration) => `${r.shipment.hsCodes[0]}|${r.shipment.netWeightKg}|${r.shipment.declaredValue}`;
  const seen = new Set(train.map(triple));
  const fresh = valid.map((r, i) => [r, i] as const).filter(([r]) => !seen.has(triple(r)));
  return {
    build,
    tuning: report.tuning?.chosen,
    laterPeriodInsideTrain: report.calibration,
    valid: figures(valid, results),
    validWithoutRepeats: figures(fresh.map(([r]) => r), fresh.map(([, i]) => results[i]!)),
    publishedLightGbmLine: { "5%": 0.762, "10%": 0.641 },
  };
}

const containers = seeds.map(containerWorld);
const mean = (pick: (c: (typeof containers)[number]) => number) => round(containers.reduce((a, c) => a + pick(c), 0) / containers.length, 2);
const ratio = (c: (typeof containers)[number], pct: string) => (c.precisionAtTop[pct] as { ratioToOracle: number | null }).ratioToOracle ?? 0;
console.log(
  JSON.stringify({
    containerHistories: containers,
    containerMeanRatioToOracle: { "1%": mean((c) => ratio(c, "1%")), "2%": mean((c) => ratio(c, "2%")), "5%": mean((c) => ratio(c, "5%")), recallAt10: mean((c) => c.recallAt10.ratioToOracle ?? 0) },
    floor: { "1%": 0.6, "5%": 0.8 },
    customsDeclarations: process.argv.includes("--skip-customs") ? undefined : customs(),
  }),
);
