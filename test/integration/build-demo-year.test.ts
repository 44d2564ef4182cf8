// A build from the demo unit's own year of work (issue: the reviewer's draft
// selected nobody, and "Seal missing or repeated" earned points while true of
// every record). The demo's units, baseline profiles and year are loaded into
// a database of their own with the functions `npm start` uses, then the
// build job's runner is called as the worker would.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ColumnsBuilder, RANDOM, runContext, scoreRecords, SELECTED, toScore } from "../../core/analysis/backtest-scoring.js";
import { runProfileBuild } from "../../core/builds/run-profile-build.js";
import { runBacktest } from "../../core/profiles/backtest-runners.js";
import { listProfiles } from "../../core/profiles/list-profiles.js";
import { readMedianGroups } from "../../core/profiles/medians-as-of.js";
import { preparedHistory } from "../../core/profiles/prepared-history.js";
import { getProfilePerformance } from "../../core/profiles/profile-performance.js";
import { readWatchlistEntries } from "../../core/profiles/watchlists-as-of.js";
import { loadActiveVersions } from "../../core/scoring/active-profiles.js";
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
  services = createTestServices({ DATABASE_URL: database.appUrl, DATABASE_ADMIN_URL: database.adminUrl, BACKTEST_THREADS: "1" }, () => NOW);
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

test("the build's held-out figures are the editor's back-test of the stored draft over the same records", async () => {
  // Review: on the demo the build said 1.8 % selected, precision 0, recall 0; the editor's back-test of the same
  // draft on the same 110 records said 44.5 %, 10.2 %, 83.3 %. The demo year recorded no party and no sighting,
  // so the back-test read every party as never seen and no seizure link, while the build read them from the history.
  const job = { id: "00000000-0000-4000-8000-00000000b002", unitId, kind: "build" as const, params: { from: "2025-12-08", to: "2026-12-07", sources: "manifests", code: "AGREE", name: "Agree" }, createdBy: null };
  const built = (await runProfileBuild(services, job, () => Promise.resolve())) as {
    profile: { versionId: string; version: number; code: string };
    backtest: { evaluateFrom: string; evaluateTo: string; evaluationRecords: number; hits: number; selected: { count: number; share: number | null; precision: number | null; recall: number | null } };
  };
  const reported = built.backtest;
  // The finished build job is what the back-test reads the draft's training window from.
  await services.pool.query(
    "INSERT INTO analysis_job (id, unit_id, kind, status, params, result, finished_at) VALUES ($1, $2, 'build', 'succeeded', $3, $4, now())",
    [job.id, unitId, JSON.stringify(job.params), JSON.stringify(built)],
  );
  const params = { from: reported.evaluateFrom, to: reported.evaluateTo, profiles: [{ versionId: built.profile.versionId, profileCode: built.profile.code, version: built.profile.version }] };
  const tested = (await runBacktest(services, { id: "00000000-0000-4000-8000-00000000b003", unitId, kind: "backtest", params, createdBy: null }, () => Promise.resolve())) as {
    records: number;
    hits: number;
    profile: { selected: number; selectionRate: number | null; precision: number | null; recall: number | null; sample: { kind: string; heldOut?: { selected: number } } };
  };
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  const editor = tested.profile;
  expect({ records: tested.records, hits: tested.hits, selected: editor.selected, share: round(editor.selectionRate), precision: round(editor.precision), recall: round(editor.recall) }).toEqual({
    records: reported.evaluationRecords,
    hits: reported.hits,
    selected: reported.selected.count,
    share: reported.selected.share,
    precision: reported.selected.precision,
    recall: reported.selected.recall,
  });
  expect(editor.sample.kind).toBe("built");
  expect(editor.sample.heldOut?.selected).toBe(reported.selected.count);
}, 240_000);

describe("the demo year's assessments are the active baseline's", () => {
  // Review: the loader wrote assessments of its own invention (evidence such as new_consignee: true, 368 of BEANR's
  // 503 inspected records selected), so the profile list said BASELINE-SEA's precision was 8.7 % while its back-test
  // over the same records selected 1.2 % and found 0 %. The year is now scored by the product's scorer.
  const unit = () => ({ id: unitId, code: "BEANR", country: "BE", programme: "CCP" });
  const activeSea = async () => (await loadActiveVersions(services.pool, unitId)).find((v) => v.profileCode === "BASELINE-SEA")!;

  test("every inspected record's stored assessment is what the back-test's scoring of it gives, with the live random draw", async () => {
    const version = await activeSea();
    const history = await preparedHistory(services.pool, unitId, 2);
    const run = runContext({ unitCode: "BEANR", watchlistRows: await readWatchlistEntries(services.pool, unitId), medianRows: await readMedianGroups(services.pool, unitId) }, history);
    // The draw keyed on the version's id, as live scoring draws: the back-test's own keys on the definition's hash.
    const builder = new ColumnsBuilder();
    const profile = toScore(version.compiled, version.versionId);
    scoreRecords(history.records, 0, history.records.length, [profile], run, [builder]);
    const columns = builder.finish();
    const codes = version.compiled.profile.indicators.map((i) => i.code);
    const fresh = history.records.map((record, i) => ({
      id: record.shipment.id,
      score: columns.scores[i],
      selected: (columns.flags[i]! & SELECTED) !== 0,
      random: (columns.flags[i]! & RANDOM) !== 0,
      indicators: [...Array(columns.matchEnd[i]! - (i === 0 ? 0 : columns.matchEnd[i - 1]!)).keys()].map((k) => {
        const m = (i === 0 ? 0 : columns.matchEnd[i - 1]!) + k;
        return `${codes[columns.matchIndicators[m]!]}:${columns.matchPoints[m]}`;
      }),
    }));
    const stored = await services.pool.query<{ id: string; score: number; selected: boolean; random: boolean; indicators: { code: string; points: number; evidence: unknown[] }[] }>(
      "SELECT shipment_id AS id, score, selected, random, indicators FROM assessment WHERE profile_version_id = $1 AND shipment_id = ANY($2::uuid[])",
      [version.versionId, fresh.map((f) => f.id)],
    );
    const byId = new Map(stored.rows.map((r) => [r.id, { id: r.id, score: r.score, selected: r.selected, random: r.random, indicators: r.indicators.map((x) => `${x.code}:${x.points}`) }]));
    expect(fresh.length).toBeGreaterThan(400);
    expect(fresh.map((f) => byId.get(f.id))).toEqual(fresh);
    // Stored as live scoring stores them: every match with its evidence.
    expect(stored.rows.flatMap((r) => r.indicators).every((x) => x.evidence.length > 0)).toBe(true);
    // Dated when the voyage was received, as an ingest's scoring would be (the manager's summary counts by that date).
    const undated = await services.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM assessment a JOIN shipment s ON s.id = a.shipment_id JOIN manifest m ON m.id = s.manifest_id
        WHERE a.unit_id = $1 AND a.scored_at <> m.received_at`,
      [unitId],
    );
    expect(undated.rows[0]!.n).toBe(0);
    // The profile selects most of the boxes opened on its selection, from what their data say.
    expect(fresh.filter((f) => f.selected && !f.random).length).toBeGreaterThan(fresh.length / 3);
  });

  test("the profile list's figures are the back-test's over the same records, but for the two random draws", async () => {
    const version = await activeSea();
    const listed = (await listProfiles(services, unit())).items.find((p) => p.code === "BASELINE-SEA")!.versions.find((v) => v.status === "active")!.performance!;
    const perIndicator = (await getProfilePerformance(services, unit(), "BASELINE-SEA", {})).versions.find((v) => v.versionId === version.versionId)!.indicators;
    const backtestOf = async (id: string, profile: object) =>
      ((await runBacktest(services, { id, unitId, kind: "backtest", params: { from: null, to: null, profiles: [profile] }, createdBy: null }, () => Promise.resolve())) as {
        records: number;
        hits: number;
        profile: { selected: number; selectedHits: number; precision: number | null; random: { selected: number }; indicators: { code: string; matched: number; matchedHits: number }[] };
      });
    const tested = await backtestOf("00000000-0000-4000-8000-00000000b004", { versionId: version.versionId, profileCode: "BASELINE-SEA", version: 1 });
    // Same records (the unit's inspected shipments), same hits (a seizure or an irregularity).
    expect({ records: tested.records, hits: tested.hits }).toEqual({ records: listed.inspected, hits: listed.hits });
    // Per indicator: matched on inspected records and hits among them, both screens from the same scores.
    const fromList = perIndicator.filter((i) => i.inspected > 0).map((i) => ({ code: i.code, matched: i.inspected, matchedHits: i.hits })).sort((a, b) => a.code.localeCompare(b.code));
    const fromBacktest = tested.profile.indicators.map((i) => ({ code: i.code, matched: i.matched, matchedHits: i.matchedHits })).sort((a, b) => a.code.localeCompare(b.code));
    expect(fromBacktest).toEqual(fromList);
    // Selection: the list's selected inspected boxes less its random picks below the threshold are the back-test's
    // selection without random picks (the same definition with randomRate 0): the two draws hash different keys.
    const noRandom = await backtestOf("00000000-0000-4000-8000-00000000b005", { profileCode: "BASELINE-SEA", definition: { ...version.compiled.profile, randomRate: 0 } });
    const randomOnly = await services.pool.query<{ inspected: number; hits: number }>(
      `SELECT count(*)::int AS inspected, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM inspection i WHERE i.shipment_id = a.shipment_id AND i.outcome IN ('seizure', 'irregularity')))::int AS hits
         FROM assessment a WHERE a.profile_version_id = $1 AND a.random AND a.score < $2 AND EXISTS (SELECT 1 FROM inspection i WHERE i.shipment_id = a.shipment_id)`,
      [version.versionId, version.compiled.profile.thresholds.select ?? version.compiled.profile.thresholds.high],
    );
    const only = randomOnly.rows[0]!;
    expect({ selected: listed.selectedInspected - only.inspected, hits: listed.selectedHits - only.hits }).toEqual({ selected: noRandom.profile.selected, hits: noRandom.profile.selectedHits });
    expect(noRandom.profile.selected).toBeGreaterThan(tested.records / 3);
    // So the precisions differ by a few random picks at most.
    expect(Math.abs((listed.selectedHitRate ?? 0) - (tested.profile.precision ?? 0))).toBeLessThan(0.02);
  });
});

describe("the demo year is believable in every unit", () => {
  // Review: ECUIO-AIR's year drew from 5 shippers and 7 consignees, none with a registration number, so after a few
  // seizures nearly every waybill's party was one of a past seizure (+25) without an id (+10): BASELINE-AIR selected
  // 94 % of the unit's inspected waybills, the boxes opened at random, on intelligence or by the officer included.
  test("the active baseline selects a minority of what was not opened on its selection, and seizure-linked parties stay a minority", async () => {
    const rows = await services.pool.query<{ code: string; shipments: number; inspected: number; inspected_selected: number; others: number; others_selected: number; linked: number }>(
      `SELECT u.code, count(*)::int AS shipments,
              count(*) FILTER (WHERE i.id IS NOT NULL)::int AS inspected,
              count(*) FILTER (WHERE i.id IS NOT NULL AND a.selected)::int AS inspected_selected,
              count(*) FILTER (WHERE i.selection IS DISTINCT FROM 'profile')::int AS others,
              count(*) FILTER (WHERE i.selection IS DISTINCT FROM 'profile' AND a.selected AND NOT a.random)::int AS others_selected,
              count(*) FILTER (WHERE a.indicators @> '[{"code": "SEIZURE_LINKED"}]'::jsonb)::int AS linked
         FROM assessment a JOIN shipment s ON s.id = a.shipment_id JOIN control_unit u ON u.id = a.unit_id
         JOIN profile_version pv ON pv.id = a.profile_version_id JOIN risk_profile rp ON rp.id = pv.profile_id
         LEFT JOIN inspection i ON i.shipment_id = s.id
        WHERE rp.code = CASE WHEN s.transport_mode::text = 'air' THEN 'BASELINE-AIR' ELSE 'BASELINE-SEA' END
        GROUP BY u.code ORDER BY u.code`,
    );
    expect(rows.rows.map((r) => r.code)).toEqual(["BEANR", "ECGYE", "ECUIO-AIR", "NLRTM"]);
    for (const r of rows.rows) {
      // Of the boxes not opened on the baseline's selection (left unopened, or opened at random, on intelligence or by the
      // officer) it selects a minority (12-27 % in the demo; the air unit's was 76 %), and a party of a past seizure is
      // on a minority of the waybills (the air unit's: 16 %, was 83 %).
      const share = r.others_selected / r.others;
      expect({ unit: r.code, believable: share > 0.03 && share < 0.35 }).toEqual({ unit: r.code, believable: true });
      expect({ unit: r.code, linkedMinority: r.linked / r.shipments < 0.3 }).toEqual({ unit: r.code, linkedMinority: true });
    }
  });
});
