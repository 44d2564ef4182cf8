// Profile quality on the customs-declarations history: build a profile from
// train.csv (2020), validate and compile it with the real profile language,
// score valid.csv (2021 Q1) and print one JSON object.
// The profile is validated and compiled by profiling/dsl (backtestProfile), so
// the figures are what the product's scorer gives, not the builder's own sums.
//
//   npx tsx bench/profile-quality.ts                 # all default indicators
//   npx tsx bench/profile-quality.ts --without=REPEAT_GOODS,REPEAT_HS_MASS
//
// valid.csv is a clean measurement: nothing here is tuned on it (the
// builder's defaults were chosen on a Jan–Sep / Oct–Dec split of train.csv).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { buildProfile } from "../profiling/builder/build-profile.js";
import { discoverGroups } from "../profiling/builder/discover-groups.js";
import { backtestProfile, historyOnlyContext } from "../profiling/builder/held-out-backtest.js";
import { mapLabelledDeclarationRow, type LabelledDeclaration } from "../profiling/history/customs-declarations.js";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.CUSTOMS_DATA_DIR ?? resolve(here, "../../shared/data/customs-declarations");
const without = new Set((process.argv.find((a) => a.startsWith("--without="))?.slice(10) ?? "").split(",").filter(Boolean));

function load(file: string): LabelledDeclaration[] {
  const rows = parse<Record<string, string>>(readFileSync(resolve(dataDir, file), "utf8"), { columns: true, skip_empty_lines: true });
  const out: LabelledDeclaration[] = [];
  rows.forEach((row, i) => {
    const m = mapLabelledDeclarationRow(row);
    if (!m.ok) throw new Error(`${file} row ${i + 2}: ${m.reasons.join("; ")}`);
    out.push(m.value);
  });
  return out;
}

const train = load("train.csv");
const valid = load("valid.csv");

const t0 = performance.now();
const { profile, report } = buildProfile(train, { groups: discoverGroups(train.map((r) => r.shipment)).groups.filter((g) => !without.has(g.code)) });
const buildMs = performance.now() - t0;

// History-only back-test: no watchlists, no party history, no value medians.
const { metrics, scoringMs } = backtestProfile(profile, valid, historyOnlyContext(new Date("2021-04-01T00:00:00Z")), [1, 2, 5, 10]);
const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
const top = (percent: number) => metrics.topShares.find((t) => t.percent === percent)!;

console.log(
  JSON.stringify({
    build: { file: "train.csv", records: train.length, without: [...without] },
    evaluate: { file: "valid.csv", records: valid.length, hitRate: round(metrics.baseRate) },
    precisionAtTop: Object.fromEntries(metrics.topShares.map((t) => [`${t.percent}%`, round(t.precision)])),
    recallAt10: round(top(10).recall),
    // Selected = score >= thresholds.select, or the profile's 1 % random draw.
    selected: { share: round(metrics.selectionRate), precision: round(metrics.precision), random: metrics.random.selected },
    buildMs: Math.round(buildMs),
    scoringPerSecond: Math.round(valid.length / (scoringMs / 1000)),
    indicators: profile.indicators.length,
    tableEntries: report.indicators.tableEntries,
    profileBytes: JSON.stringify(profile).length,
    thresholds: profile.thresholds,
    calibration: report.calibration,
  }),
);
