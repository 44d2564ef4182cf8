// `profiles build` and `score` on a unit's own past manifests (manifest-jsonl),
// as an analyst runs them: a seeded container history in, a profile and
// scores out, child processes of `npm run -s cli`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { generateContainerHistory, lineId } from "../../fixtures/container-history/index.js";
import { validateProfile } from "../../profiling/dsl/validate.js";

let dir: string;
const path = (name: string) => join(dir, name);
const world = generateContainerHistory({ seed: 21, perMonth: 900, trainMonths: 14, laterMonths: 2 });
const jsonl = (lines: readonly object[]) => lines.map((l) => JSON.stringify(l)).join("\n") + "\n";

const cli = runCli;

let summary: Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cli-manifest-"));
  writeFileSync(path("history.jsonl"), jsonl(world.history));
  // The later period as manifests arrive: no outcome is known yet.
  const later = world.later.map((line) => ({ ...line, outcome: null }));
  writeFileSync(path("later.jsonl"), jsonl(later) + '{"billOfLading": "BROKEN1", "containerNumber": "MSKU1234567"}\nnot json\n');
  const built = await cli(["profiles", "build", "--format", "manifest-jsonl", "--history", path("history.jsonl"), "--out", path("profile.json")]);
  expect(built.code, built.stderr).toBe(0);
  summary = JSON.parse(built.stdout) as Record<string, unknown>;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("profiles build --format manifest-jsonl", () => {
  test("learns from the inspected lines, keeps the others as context, and names the target after the hits", () => {
    const profile: unknown = JSON.parse(readFileSync(path("profile.json"), "utf8"));
    const checked = validateProfile(profile);
    expect(checked.ok).toBe(true);
    const inspected = world.history.filter((l) => l.outcome?.inspected === true).length;
    expect(summary).toMatchObject({ records: inspected, uninspected: world.history.length - inspected, rejected: 0, target: { kind: "commodity", commodity: "cocaine" } });
    const later = summary.laterPeriod as { precisionAtTop: Record<string, number>; random: { records: number } };
    expect(later.random.records).toBeGreaterThan(0);
    if (!checked.ok) return;
    // Learned from the container domain: not a single entry keyed on an exact weight or amount.
    const keys = checked.profile.indicators.flatMap((i) => i.table?.key ?? []);
    expect(keys.some((k) => /WeightKg|declaredValue|packages$/.test(k))).toBe(false);
    expect(checked.profile.rationale).toMatch(/found (cocaine|a seizure)/);
    expect(checked.profile.rationale).toMatch(/random selections/);
  });
});

describe("score --format manifest-jsonl", () => {
  test("one row per input line in order; the top of the ranking holds the riskiest boxes; malformed lines are band invalid", async () => {
    const run = await cli(["score", "--format", "manifest-jsonl", "--profile", path("profile.json"), "--input", path("later.jsonl"), "--history", path("history.jsonl"), "--out", path("scores.csv")]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/without --history/);
    const lines = readFileSync(path("scores.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("id,score,band,indicators");
    expect(lines).toHaveLength(1 + world.later.length + 2);
    const rows = lines.slice(1, 1 + world.later.length).map((l) => l.split(","));
    expect(rows.map((r) => r[0])).toEqual(world.later.map(lineId));
    expect(lines[lines.length - 2]).toBe("BROKEN1/MSKU1234567,,invalid,");
    expect(lines[lines.length - 1]).toMatch(/^line \d+,,invalid,$/);
    // The planted probabilities of the top 5 % against the period's mean: a profile that learned nothing scores about 1.
    const truth = new Map(world.truth.map((t) => [t.id, t.probability]));
    const ranked = rows.map((r) => ({ score: Number(r[1]), p: truth.get(r[0]!)! })).sort((a, b) => b.score - a.score);
    const top = ranked.slice(0, Math.ceil(ranked.length * 0.05));
    const mean = (xs: { p: number }[]) => xs.reduce((a, x) => a + x.p, 0) / xs.length;
    expect(mean(top) / mean(ranked)).toBeGreaterThan(3);
  }, 120_000);

  test("without --history it scores with the summary profiles build wrote beside the profile, and without that says what is lost", async () => {
    expect(summary.historySummary).toBe(path("profile.history.json"));
    const withHistory = readFileSync(path("scores.csv"), "utf8");
    const run = await cli(["score", "--format", "manifest-jsonl", "--profile", path("profile.json"), "--input", path("later.jsonl"), "--out", path("scores2.csv")]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/as of the build's history \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\), from .*profile\.history\.json/);
    // Parties, links and medians carried by the summary: the same ranking as with the history itself, to a few boxes.
    const scores = (text: string) => text.trimEnd().split("\n").slice(1, 1 + world.later.length).map((l) => Number(l.split(",")[1]));
    const [a, b] = [scores(withHistory), scores(readFileSync(path("scores2.csv"), "utf8"))];
    expect(a.filter((x, i) => x !== b[i]).length).toBeLessThan(a.length / 50);

    rmSync(path("profile.history.json"));
    const bare = await cli(["score", "--format", "manifest-jsonl", "--profile", path("profile.json"), "--input", path("later.jsonl"), "--out", path("scores3.csv")]);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stderr).toMatch(/judged on the input alone/);
  }, 180_000);
});
