// `profiles build` and `score` as a user runs them: `npm run -s cli -- ...`
// child processes on small files. stdout carries only the command's answer.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { validateProfile } from "../../profiling/dsl/validate.js";
import { declarationLine, declarationsCsv, DECLARATION_HEADER, plantedHistory } from "../helpers/declarations-csv.js";

let dir: string;

const cli = runCli;

const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cli-test-"));
  const history = plantedHistory(1200, 300);
  writeFileSync(path("h1.csv"), "\uFEFF" + declarationsCsv(history.slice(0, 700)));
  // A bad row in the second file: the build goes on and says where.
  writeFileSync(path("h2.csv"), declarationsCsv(history.slice(700)).replace(/\n$/, `\n${declarationLine({ id: "77", date: "2020-13-01" })}\n`));
  const built = await cli(["profiles", "build", "--format", "customs-declarations", "--history", path("h1.csv"), "--history", path("h2.csv"), "--out", path("profile.json")]);
  expect(built.code, built.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("profiles build", () => {
  test("writes a valid profile document and prints one JSON summary on stdout", async () => {
    const profile: unknown = JSON.parse(readFileSync(path("profile.json"), "utf8"));
    expect(validateProfile(profile).ok).toBe(true);
    expect(JSON.stringify(profile)).toContain("BADCO01");
    const again = await cli(["profiles", "build", "--format", "customs-declarations", "--history", path("h1.csv"), "--history", path("h2.csv"), "--out", path("profile2.json")]);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary).toMatchObject({ records: 1200, rejected: 1, out: path("profile2.json") });
    expect(again.stderr).toMatch(/h2\.csv line 502: Date: not an ISO date|h2\.csv line 502: Date: not a calendar date/);
  }, 60_000);
});

describe("score", () => {
  test("one row per input row with the exact header; malformed rows get band invalid and a message on stderr", async () => {
    const rows = [
      declarationLine({ id: "1001", date: "2021-01-02", importer: "BADCO01" }, false),
      declarationLine({ id: "1002", date: "2021-01-02", importer: "IMP0003" }, false),
      declarationLine({ id: "1003", date: "2021-01-02", netMass: "lots" }, false), // malformed
      "1004,2021-01-02,30", // too few fields
      declarationLine({ id: "10,05", date: "2021-01-03" }, false).replace("10,05", '"10,05"'), // id with a comma, Declaration ID invalid
    ];
    writeFileSync(path("input.csv"), [DECLARATION_HEADER.slice(0, 20).join(","), ...rows].join("\n") + "\n");
    const run = await cli(["score", "--format", "customs-declarations", "--profile", path("profile.json"), "--input", path("input.csv"), "--out", path("scores.csv")]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    const lines = readFileSync(path("scores.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("id,score,band,indicators");
    expect(lines).toHaveLength(1 + rows.length);
    const [bad, good] = [lines[1]!.split(","), lines[2]!.split(",")];
    expect(bad[0]).toBe("1001");
    expect(Number(bad[1])).toBeGreaterThan(Number(good[1]));
    expect(bad[3]!.split(";")).toContain("CONSIGNEE_ID");
    // Every scored row names its band; one under the lowest threshold is "none", not an empty cell.
    for (const scored of [bad, good]) expect(scored[2]).toMatch(/^(high|medium|low|none)$/);
    expect(lines[3]).toBe("1003,,invalid,");
    expect(lines[4]).toBe("1004,,invalid,");
    expect(lines[5]).toBe('"10,05",,invalid,');
    expect(run.stderr).toMatch(/line 4 \(Declaration ID 1003\): Net Mass: not a number/);
    expect(run.stderr).toMatch(/line 5 \(Declaration ID 1004\): expected 20 fields, found 3/);
  }, 60_000);

  test("an invalid profile is refused with the path of the problem", async () => {
    writeFileSync(path("bad-profile.json"), JSON.stringify({ code: "x" }));
    const run = await cli(["score", "--format", "customs-declarations", "--profile", path("bad-profile.json"), "--input", path("input.csv"), "--out", path("s.csv")]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--profile: .* is not a valid profile/);
    expect(run.stdout).toBe("");
  }, 60_000);
});

describe("bad flags and files", () => {
  test.each([
    [["profiles", "build", "--format", "customs-declarations", "--histroy", "x.csv", "--out", "p.json"], /--histroy: unknown flag/],
    [["profiles", "build", "--format", "customs-declarations", "--history", "x.csv"], /--out: required/],
    [["profiles", "build", "--format", "excel", "--history", "x.csv", "--out", "p.json"], /--format: unknown format "excel"/],
    [["profiles", "build", "--format", "customs-declarations", "--history", "/nonexistent/x.csv", "--out", "p.json"], /--history: cannot read \/nonexistent\/x.csv: ENOENT/],
    [["score", "--format", "customs-declarations", "--profile", "p.json", "--input", "in.csv"], /--out: required/],
    [["score", "--format", "customs-declarations", "--profile", "p.json", "--profile", "q.json", "--input", "in.csv", "--out", "o.csv"], /--profile: given more than once/],
    [["score", "--format", "customs-declarations", "--profile", "--input", "in.csv", "--out", "o.csv"], /--profile: needs a value/],
  ])("%j", async (args, message) => {
    const run = await cli(args.map((a) => (a.endsWith(".json") && !a.startsWith("/") ? path(a) : a)));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  }, 60_000);

  test("missing columns in the input are named", async () => {
    writeFileSync(path("cols.csv"), "Declaration ID,Date\n1,2021-01-01\n");
    const run = await cli(["score", "--format", "customs-declarations", "--profile", path("profile.json"), "--input", path("cols.csv"), "--out", path("o.csv")]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--input .*cols\.csv: missing column\(s\) Office ID, .*Item Price/);
  }, 60_000);
});
