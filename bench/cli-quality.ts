// Profile quality through the real command line, as a user runs it: build on
// train.csv (2020), score valid.csv (2021 Q1) without its label columns, then
// compare scores.csv with valid's labels. Prints one JSON object; build and
// score times include process start-up.
//
//   npx tsx bench/cli-quality.ts
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = process.env.CUSTOMS_DATA_DIR ?? resolve(root, "../shared/data/customs-declarations");
const work = mkdtempSync(join(tmpdir(), "cli-quality-"));

function cli(args: string[]): number {
  const t0 = performance.now();
  const run = spawnSync("npm", ["run", "-s", "cli", "--", ...args], { cwd: root, encoding: "utf8" });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`cli ${args.slice(0, 2).join(" ")} failed (${run.status}):\n${run.stderr}`);
  return Math.round(ms);
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

try {
  const valid = parse<Record<string, string>>(readFileSync(resolve(dataDir, "valid.csv"), "utf8"), { columns: true, bom: true, skip_empty_lines: true });
  const columns = Object.keys(valid[0]!).filter((c) => c !== "Fraud" && c !== "Critical Fraud");
  const input = [columns.join(","), ...valid.map((row) => columns.map((c) => csvField(row[c] ?? "")).join(","))].join("\n") + "\n";
  writeFileSync(join(work, "valid-input.csv"), input);

  const profile = join(work, "profile.json");
  const scores = join(work, "scores.csv");
  const buildMs = cli(["profiles", "build", "--format", "customs-declarations", "--history", resolve(dataDir, "train.csv"), "--out", profile]);
  const scoreMs = cli(["score", "--format", "customs-declarations", "--profile", profile, "--input", join(work, "valid-input.csv"), "--history", resolve(dataDir, "train.csv"), "--out", scores]);

  const scored = parse<Record<string, string>>(readFileSync(scores, "utf8"), { columns: true });
  if (scored.length !== valid.length) throw new Error(`scores.csv has ${scored.length} rows for ${valid.length} input rows`);
  const hitById = new Map(valid.map((row) => [row["Declaration ID"]!, row.Fraud === "1"]));
  // Rank by score, highest first; ties keep file order. A malformed row (empty score) ranks last.
  const ranked = scored
    .map((row, index) => ({ hit: hitById.get(row.id!) ?? false, score: row.score === "" ? -Infinity : Number(row.score), index }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const totalHits = ranked.filter((r) => r.hit).length;
  const hitsInTop = (percent: number) => ranked.slice(0, Math.ceil((ranked.length * percent) / 100)).filter((r) => r.hit).length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const precisionAtTop = Object.fromEntries([1, 2, 5, 10].map((p) => [`${p}%`, round(hitsInTop(p) / Math.ceil((ranked.length * p) / 100))]));
  console.log(
    JSON.stringify({
      build: { file: "train.csv" },
      evaluate: { file: "valid.csv", records: ranked.length, hitRate: round(totalHits / ranked.length) },
      precisionAtTop,
      recallAt10: round(hitsInTop(10) / totalHits),
      buildMs,
      scoreMs,
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
