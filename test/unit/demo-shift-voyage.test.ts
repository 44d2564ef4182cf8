// The demo's voyages are moved at load time to arrive in the next days, on
// whatever day `npm start` runs: every date moves by the same whole days, no
// filing lands after the load, and the moved manifest is still valid.
import { describe, expect, test } from "vitest";
import { DEMO_ARRIVAL_LEAD_DAYS, demoShiftDays, shiftDemoVoyage } from "../../core/demo/shift-demo-voyage.js";
import { manifestSchema, type ManifestInput } from "../../core/manifests/manifest-schema.js";
import { loadDemoManifests } from "../../fixtures/index.js";

const DAY = 86_400_000;
const MAX = 20_000;
const schema = manifestSchema(MAX);
// One parse per document: the banana voyage goes to two units.
const parsed = new Map<unknown, ManifestInput>();
const demo = loadDemoManifests().map(({ unitCode, manifest }) => {
  if (!parsed.has(manifest)) parsed.set(manifest, schema.parse(manifest));
  return { unitCode, manifest: parsed.get(manifest)! };
});

const day = (d: Date) => d.toISOString().slice(0, 10);
const gapDays = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY;

// Before, on and long after the fixtures' own dates; just after midnight and just before it (UTC).
const NOWS = ["2026-12-07T00:04:00Z", "2026-12-07T23:59:00Z", "2026-10-01T12:00:00Z", "2027-06-15T00:00:30Z", "2031-02-28T16:00:00Z"].map((t) => new Date(t));

describe("a demo voyage moved to the load's day", () => {
  test.each(NOWS.flatMap((now) => demo.map(({ unitCode, manifest }) => [day(now), now.toISOString().slice(11, 16), unitCode, now, manifest] as const)))(
    "%s %s %s: arrives within the triage board's 72 hours, filed before the load, every gap as written",
    (_day, _time, _unit, now, original) => {
      const moved = shiftDemoVoyage(original, now);
      // The triage board's window: arrival dates from today to the day 72 hours on (core/triage/queue-overview.ts).
      expect(moved.arrivalDate >= day(now)).toBe(true);
      expect(moved.arrivalDate <= day(new Date(now.getTime() + 72 * 3_600_000))).toBe(true);
      for (const t of [moved.manifestFiledAt, moved.manifestAmendedAt]) if (t) expect(Date.parse(t)).toBeLessThanOrEqual(now.getTime());
      const days = gapDays(original.arrivalDate, moved.arrivalDate);
      expect(Number.isInteger(days)).toBe(true);
      expect(gapDays(original.departureDate!, moved.departureDate!)).toBe(days);
      if (original.manifestFiledAt) expect((Date.parse(moved.manifestFiledAt!) - Date.parse(original.manifestFiledAt)) / DAY).toBe(days);
      if (original.manifestAmendedAt) expect((Date.parse(moved.manifestAmendedAt!) - Date.parse(original.manifestAmendedAt)) / DAY).toBe(days);
      const bookings = original.shipments.map((s, i) => [s.bookingDate, moved.shipments[i]!.bookingDate] as const);
      expect(bookings.every(([was, is]) => (was === undefined ? is === undefined : gapDays(was, is!) === days))).toBe(true);
      // Only the dates move: refs, parties and goods are as written.
      expect({ ...moved, arrivalDate: 0, departureDate: 0, manifestFiledAt: 0, manifestAmendedAt: 0, shipments: moved.shipments.length })
        .toEqual({ ...original, arrivalDate: 0, departureDate: 0, manifestFiledAt: 0, manifestAmendedAt: 0, shipments: original.shipments.length });
      expect(moved.shipments.map((s) => ({ ...s, bookingDate: 0 }))).toEqual(original.shipments.map((s) => ({ ...s, bookingDate: 0 })));
    },
  );

  test("arrives the lead's days after today when its filing allows, and the moved voyage validates as an ingested one", () => {
    const now = new Date("2026-12-07T23:59:00Z");
    for (const { manifest } of demo) {
      const moved = shiftDemoVoyage(manifest, now);
      // The flight is filed at 16:30 the day before it lands: it can arrive tomorrow, not later.
      const lead = manifest.transportMode === "air" ? 1 : DEMO_ARRIVAL_LEAD_DAYS;
      expect(moved.arrivalDate).toBe(day(new Date(now.getTime() + lead * DAY)));
      expect(() => schema.parse(moved)).not.toThrow();
    }
  });

  test("arrives earlier, down to today, rather than being filed after the load", () => {
    // Filed at 16:30 on the day before arrival: at 08:00 a voyage arriving in two days would be filed tomorrow.
    const flight = { arrivalDate: "2026-11-25", manifestFiledAt: "2026-11-24T16:30:00Z" };
    expect(demoShiftDays(flight, new Date("2026-12-07T08:00:00Z"))).toBe(12); // arrives 12-07, filed 12-06 16:30
    expect(demoShiftDays(flight, new Date("2026-12-07T17:00:00Z"))).toBe(13); // arrives 12-08, filed 12-07 16:30
    expect(demoShiftDays({ arrivalDate: "2026-12-01" }, new Date("2026-12-07T08:00:00Z"))).toBe(6 + DEMO_ARRIVAL_LEAD_DAYS);
  });

  test("an export the unit screens is moved by its departure from the unit's port, an import by its arrival", () => {
    const now = new Date("2026-12-07T08:00:00Z");
    const exported = { arrivalDate: "2026-11-20", departureDate: "2026-11-02", portOfLoading: "ECGYE", portOfDischarge: "BEANR" };
    // At Guayaquil it leaves in two days (and still reaches Antwerp 18 days later)...
    expect(demoShiftDays(exported, now, "ECGYE")).toBe(35 + DEMO_ARRIVAL_LEAD_DAYS);
    // ...at Antwerp, where it is an import, it arrives in two days.
    expect(demoShiftDays(exported, now, "BEANR")).toBe(17 + DEMO_ARRIVAL_LEAD_DAYS);
    // Without a departure date the arrival is all there is.
    expect(demoShiftDays({ ...exported, departureDate: undefined }, now, "ECGYE")).toBe(17 + DEMO_ARRIVAL_LEAD_DAYS);
  });
});
