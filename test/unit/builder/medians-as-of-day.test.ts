// The builder's held-out figures read value medians as the service's
// back-test does: as they stood on each record's day (that day's shipments
// included, later ones never), not the whole history's.
import { describe, expect, test } from "vitest";
import { walkHistory } from "../../../profiling/builder/history-context.js";
import { GrowingValueMedians, ValueMedians } from "../../../profiling/builder/value-medians.js";
import type { ShipmentInput } from "../../../profiling/shipment.js";
import { seededRandom, shipment } from "./synthetic-history.js";

const priced = (id: string, valuePerKg: number, rnd: () => number, hs = "080390"): ShipmentInput => ({ ...shipment(id, { hs, origin: "EC" }, rnd), netWeightKg: 1000, declaredValue: valuePerKg * 1000, currency: "USD" });

describe("medians as of a day", () => {
  test("grown one shipment at a time, they are the medians of the shipments added, by subheading else heading, none below 5", () => {
    const rnd = seededRandom(3);
    const ships = Array.from({ length: 41 }, (_, i) => priced(`V${i}`, 1 + Math.floor(rnd() * 100) / 10, rnd, i % 2 === 0 ? "080390" : "080300"));
    const growing = new GrowingValueMedians();
    ships.forEach((s, i) => {
      growing.add(s);
      const whole = ValueMedians.of(ships.slice(0, i + 1));
      for (const hs of ["080390", "080300", "080310"]) expect(growing.lookup(hs, "EC", "USD"), `${hs} after ${i + 1}`).toBe(whole.lookup(hs, "EC", "USD"));
    });
    expect(new GrowingValueMedians().lookup("080390", "EC", "USD")).toBeUndefined();
  });

  test("a walk with mediansAsOfDay reads that day's median, its own day included and later days never; without, the whole history's", () => {
    const rnd = seededRandom(4);
    // Five shipments at 1 USD/kg on day 1, five at 9 on day 2, one at 100 on day 3.
    const sightings = [
      ...Array.from({ length: 5 }, (_, i) => ({ shipment: priced(`A${i}`, 1, rnd), date: "2025-01-01" })),
      ...Array.from({ length: 5 }, (_, i) => ({ shipment: priced(`B${i}`, 9, rnd), date: "2025-01-02" })),
      { shipment: priced("C0", 100, rnd), date: "2025-01-03" },
    ];
    const read = (mediansAsOfDay: boolean) => {
      const byDay = new Map<string, number | undefined>();
      walkHistory(sightings, (s, _i, ctx) => byDay.set(s.date, ctx.medianValuePerKg("080390", "EC", "USD")), { mediansAsOfDay });
      return Object.fromEntries(byDay);
    };
    expect(read(true)).toEqual({ "2025-01-01": 1, "2025-01-02": 5, "2025-01-03": 9 });
    expect(read(false)).toEqual({ "2025-01-01": 9, "2025-01-02": 9, "2025-01-03": 9 });
  });
});
