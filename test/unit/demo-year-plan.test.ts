// The demo's year of work is the same on every load of the same day, covers
// every unit and month, and every referral moved only along the state machine,
// with nothing dated after the load.
import { describe, expect, test } from "vitest";
import { seededRandom } from "../../fixtures/seeded-random.js";
import { DEMO_YEAR } from "../../core/demo/demo-year-catalog.js";
import { planReferrals } from "../../core/demo/plan-demo-referrals.js";
import { planUnitYear } from "../../core/demo/plan-demo-year.js";
import { TRANSITIONS } from "../../core/referrals/referral-states.js";
import { validateContainerNumber } from "../../profiling/features/iso6346.js";

const NOW = new Date("2026-12-06T15:30:00Z");
const TODAY = new Date("2026-12-06T00:00:00Z");
const DEFS = [
  { code: "SRC_ROUTE", label: "Source route", points: 20 },
  { code: "GENERIC_DESC", label: "Generic description", points: 15 },
  { code: "NEW_CONSIGNEE", label: "New consignee", points: 15 },
  { code: "SEAL_ISSUE", label: "Seal issue", points: 15 },
  { code: "VALUE_ANOMALY", label: "Value anomaly", points: 15 },
];

describe("the demo year", () => {
  test("is the same for the same seed and day, ids included", () => {
    const a = planUnitYear(7, DEMO_YEAR[0]!, TODAY, DEFS);
    const b = planUnitYear(7, DEMO_YEAR[0]!, TODAY, DEFS);
    expect(b).toEqual(a);
    expect(new Set(a.manifests.flatMap((m) => m.shipments.map((s) => s.id))).size).toBe(a.manifests.reduce((n, m) => n + m.shipments.length, 0));
  });

  test.each(DEMO_YEAR.map((unit, i) => [unit.unitCode, unit, i] as const))("%s: a year of inspections, seizures and referrals, none after the load", (_code, unit, i) => {
    const plan = planUnitYear(100 + i, unit, TODAY, DEFS);
    const months = new Set(plan.inspections.map((x) => x.at.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
    expect(plan.seizures.length).toBeGreaterThan(5);
    // Hits are a few percent of inspections, as in the domain brief.
    expect(plan.seizures.length / plan.inspections.length).toBeLessThan(0.15);
    for (const x of [...plan.inspections.map((y) => y.at), ...plan.seizures.map((z) => z.at)]) expect(x.getTime()).toBeLessThan(TODAY.getTime());
    const openedFor = new Map(plan.inspections.map((x) => [x.shipmentId, x.selection]));
    for (const s of plan.manifests.flatMap((m) => m.shipments)) {
      if (s.containerNumber) expect(validateContainerNumber(s.containerNumber)).toBeNull();
      // No assessment is planned (the loader scores the year): the risk is in the shipment's own data.
      expect(s).not.toHaveProperty("score");
      expect(s.freightTerms === "collect").toBe(s.signals.includes("frontConsignee"));
      expect(s.goodsDescription.startsWith("SAID TO CONTAIN ")).toBe(s.signals.includes("genericDescription"));
      // A box opened on the profile's selection carries what the profile reads.
      if (openedFor.get(s.id) === "profile") expect(s.signals.length).toBeGreaterThan(0);
    }
    const referrals = planReferrals(seededRandom(200 + i), unit.unitCode, plan.seizures, NOW);
    expect(referrals.length).toBeGreaterThan(0);
    for (const r of referrals) {
      r.events.forEach((e, n) => {
        expect(e.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
        if (n === 0) return expect(e.to).toBe("drafted");
        const from = r.events[n - 1]!.to;
        expect(e.from).toBe(from);
        if (e.to !== from) expect(TRANSITIONS[from]).toContain(e.to);
        expect(e.at.getTime()).toBeGreaterThanOrEqual(r.events[n - 1]!.at.getTime());
      });
      expect(r.status).toBe(r.events.at(-1)!.to);
      expect(r.dueAt === null).toBe(r.status === "closed" || r.status === "declined");
    }
  });

  test("the referrals reach every state, closed ones with an outcome, and some are overdue", () => {
    const all = DEMO_YEAR.flatMap((unit, i) => planReferrals(seededRandom(300 + i), unit.unitCode, planUnitYear(400 + i, unit, TODAY, DEFS).seizures, NOW));
    const states = new Set(all.map((r) => r.status));
    for (const s of ["drafted", "acknowledged", "investigation_opened", "prosecution", "closed"]) expect(states).toContain(s);
    for (const r of all.filter((x) => x.status === "closed")) expect(r.outcome).toBeTruthy();
    expect(all.filter((r) => r.dueAt && r.dueAt < NOW).length).toBeGreaterThan(0);
  });
});
