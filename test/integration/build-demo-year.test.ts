// A build from the demo unit's own year of work (issue: the reviewer's draft
// selected nobody, and "Seal missing or repeated" earned points while true of
// every record). The demo's units, baseline profiles and year are loaded into
// a database of their own with the functions `npm start` uses, then the
// build job's runner is called as the worker would.
import { afterAll, beforeAll, expect, test } from "vitest";
import { runProfileBuild } from "../../core/builds/run-profile-build.js";
import { createDemoUnits } from "../../core/demo/load-demo-data.js";
import { loadDemoYear } from "../../core/demo/load-demo-year.js";
import { installBaselineProfiles } from "../../core/profiles/baseline-profile.js";
import { createExtraDatabase } from "../helpers/test-databases.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";

const NOW = new Date("2026-12-07T12:00:00Z");
let database: Awaited<ReturnType<typeof createExtraDatabase>>;
let services: TestServices;
let unitId: string;

beforeAll(async () => {
  database = await createExtraDatabase("demobuild");
  services = createTestServices({ DATABASE_URL: database.appUrl, DATABASE_ADMIN_URL: database.adminUrl }, () => NOW);
  const unitIds = await createDemoUnits(services);
  for (const id of unitIds.values()) await installBaselineProfiles(services, id, "system");
  await loadDemoYear(services);
  unitId = unitIds.get("BEANR")!;
}, 240_000);

afterAll(async () => {
  await services?.dispose();
  await database?.drop();
});

interface BuildOutput {
  report: { strongest: { indicator: string; count: number }[]; history: { records: number }; indicators: { groups: { code: string }[] } };
  backtest: { evaluationRecords: number; selected: { count: number; random: number } };
}

test("the demo unit's own year builds a draft that selects some later shipments and gives no points to what every record holds", async () => {
  const job = { id: "00000000-0000-4000-8000-00000000b001", unitId, kind: "build" as const, params: { from: "2025-12-08", to: "2026-12-07", sources: "manifests" }, createdBy: null };
  const out = (await runProfileBuild(services, job, () => Promise.resolve())) as BuildOutput;
  const { report, backtest } = out;
  // The demo year reports no seal numbers: "Seal missing" held for all 393 inspections and earned +4.7.
  expect(report.strongest.filter((e) => e.count === report.history.records)).toEqual([]);
  expect(report.strongest.map((e) => e.indicator)).not.toContain("SEAL_ISSUE");
  // Cut on an earlier fit's scores, the threshold selected only the one random pick of 110.
  expect(backtest.evaluationRecords).toBeGreaterThan(50);
  expect(backtest.selected.count - backtest.selected.random).toBeGreaterThan(0);
}, 240_000);
