import { describe, expect, it } from "vitest";
import { isoMs, ShipmentFacts } from "../../../profiling/derived.js";
import { context, shipment } from "./support.js";

describe("isoMs", () => {
  it("agrees with Date.parse on dates and UTC timestamps across two centuries", () => {
    let checked = 0;
    for (let t = Date.UTC(1901, 0, 1); t < Date.UTC(2100, 0, 1); t += 86_400_000 * 7.3 + 12_345) {
      const iso = new Date(t).toISOString();
      for (const s of [iso, iso.slice(0, 10), `${iso.slice(0, 16)}Z`, `${iso.slice(0, 19)}Z`]) {
        expect(isoMs(s), s).toBe(Date.parse(s));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30_000);
  });

  it("falls back to Date.parse for offsets and returns NaN for non-dates", () => {
    expect(isoMs("2026-03-15T08:30:05+02:00")).toBe(Date.parse("2026-03-15T06:30:05Z"));
    expect(isoMs("15/03/2026")).toBeNaN();
    expect(isoMs("")).toBeNaN();
    expect(isoMs(undefined)).toBeNaN();
  });
});

describe("ShipmentFacts", () => {
  it("derives the container's size, reefer flag and payload from the ISO 6346 type", () => {
    const f = new ShipmentFacts(shipment({ containerType: "22G1" }), context());
    expect([f.containerSizeFt(), f.isReefer()]).toEqual([20, false]);
    expect(f.maxPayloadKg()).toBeGreaterThan(27_000);
    expect(f.maxPayloadKg()).toBeLessThan(29_000);
    const reefer = new ShipmentFacts(shipment({ containerType: "45R1" }), context());
    expect([reefer.containerSizeFt(), reefer.isReefer()]).toEqual([40, true]);
    expect(new ShipmentFacts(shipment({ containerType: "L5R1" }), context()).containerSizeFt()).toBe(45);
    expect(new ShipmentFacts(shipment({ containerType: "ZZZZ" }), context()).containerSizeFt()).toBeUndefined();
  });

  it("computes value per kg on net weight, else gross, and the ratio to the unit's median", () => {
    const f = new ShipmentFacts(shipment({ declaredValue: 1_000, netWeightKg: 500, grossWeightKg: 800 }), context({ medianValuePerKg: (hs, origin, currency) => (hs === "080390" && origin === "EC" && currency === "USD" ? 4 : undefined) }));
    expect(f.valuePerKg()).toBe(2);
    expect(f.valuePerKgRatio()).toBe(0.5);
    expect(new ShipmentFacts(shipment({ declaredValue: 1_000, netWeightKg: undefined, grossWeightKg: 800 }), context()).valuePerKg()).toBe(1.25);
  });

  it("builds the route and its countries, uppercased and without duplicates", () => {
    const f = new ShipmentFacts(shipment({ portOfLoading: "ecgye", transshipmentPorts: ["PAMIT", "PABLB"], portOfDischarge: "BEANR" }), context());
    expect(f.route()).toEqual(["ECGYE", "PAMIT", "PABLB", "BEANR"]);
    expect(f.routeCountries()).toEqual(["EC", "PA", "BE"]);
    expect(f.transshipmentCount()).toBe(2);
  });

  it("asks the context for a party's first sighting once per role", () => {
    let calls = 0;
    const f = new ShipmentFacts(shipment(), context({ partyFirstSeen: () => { calls++; return undefined; } }));
    const key = f.partyKey("consignee", 1) ?? "";
    expect(key).toBe("ID|BE|BE0412345678");
    f.partyFirstSeen(1, key);
    f.partyFirstSeen(1, key);
    expect(calls).toBe(1);
  });
});
