// Every profile in fixtures/profiles validates and scores a realistic
// shipment; the baseline profile flags a typical fruit-reefer risk shipment.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileProfile } from "../../../profiling/dsl/compile.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";
import { context, NOW, shipment } from "./support.js";

const DIR = join(import.meta.dirname, "../../../fixtures/profiles");
const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

const risky = shipment({
  id: "shp-risky",
  transshipmentPorts: ["PAMIT", "COCTG", "ESALG"],
  consignee: { name: "Nova Import BV", address: "P.O. Box 77, Antwerpen", country: "BE", id: "BE0498765432" },
  forwarder: { name: "Nova Import B.V.", country: "BE" },
  goodsDescription: "General cargo",
  sealNumbers: [],
  freightTerms: "collect",
  manifestAmendedAt: "2026-03-15T20:00:00Z",
  declaredValue: 2_000,
  containerNumber: "CSQU3054384",
  attributes: { freightCost: 4_200, sealChanged: true, consigneeSector: "CONSTRUCTION", consigneesAtAddress: 4 },
});
const ctx = context({
  unitCode: "BEANR",
  watchlists: new Map([["WATCH-PARTIES", new Set(["NOVA IMPORT"])], ["SHARED-ADDRESSES", new Set<string>()]]),
  partyFirstSeen: (key) => (key.includes("0498765432") || key.includes("NOVA") ? new Date(NOW.getTime() - 10 * 86_400_000) : new Date("2019-01-01T00:00:00Z")),
  medianValuePerKg: () => 1.2,
});

describe("fixture profiles", () => {
  it("include the baseline and the indicator library", () => {
    expect(files).toContain("baseline.json");
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  for (const file of files) {
    it(`${file} validates and scores a realistic shipment`, () => {
      const checked = validateProfile(JSON.parse(readFileSync(join(DIR, file), "utf8")));
      if (!checked.ok) throw new Error(`${file}: ${JSON.stringify(checked.errors)}`);
      const compiled = compileProfile(checked.profile);
      // A profile scoped to other modes (the air baseline) is tried on the same shipments in its own mode.
      const modes = checked.profile.scope?.transportModes;
      const transportMode = modes === undefined || modes.includes("sea") ? "sea" : modes[0]!;
      const plain = compiled.score({ ...shipment(), transportMode }, ctx, { shipmentId: "shp-1", versionId: file });
      const hot = compiled.score({ ...risky, transportMode }, ctx, { shipmentId: risky.id, versionId: file });
      expect(hot.applicable).toBe(true);
      expect(hot.score).toBeGreaterThan(plain.score);
      for (const ind of hot.indicators) expect(ind.evidence.length, `${file} ${ind.code}`).toBeGreaterThan(0);
    });
  }

  it("baseline selects the risky shipment for reasons an officer can read, at a 1 % random rate", () => {
    const checked = validateProfile(JSON.parse(readFileSync(join(DIR, "baseline.json"), "utf8")));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.profile.randomRate).toBe(0.01);
    const r = compileProfile(checked.profile).score(risky, ctx, { shipmentId: risky.id, versionId: "baseline" });
    expect(r.indicators.map((i) => i.code)).toEqual(["SRC_ROUTE", "FRUIT_REEFER_SRC", "NEW_CONSIGNEE", "GENERIC_DESC", "VALUE_ANOMALY", "SEAL_ISSUE", "COLLECT_NEW_PARTY", "LATE_AMENDMENT", "CHECK_DIGIT"]);
    expect(r.band).toBe("high");
    expect(r.selected).toBe(true);
    const quiet = compileProfile(checked.profile).score(shipment({ portOfLoading: "CNSHA", transshipmentPorts: [], countryOfOrigin: "CN", hsCodes: ["847130"], goodsDescription: "Portable computers laptops 14 inch", containerType: "42G1" }), ctx, { shipmentId: "q", versionId: "baseline" });
    expect(quiet.indicators).toEqual([]);
  });

  it("the air baseline applies to air shipments only and selects a risky air waybill line", () => {
    const checked = validateProfile(JSON.parse(readFileSync(join(DIR, "baseline-air.json"), "utf8")));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.profile.scope?.transportModes).toEqual(["air"]);
    expect(checked.profile.randomRate).toBe(0.01);
    const compiled = compileProfile(checked.profile);
    expect(compiled.score(risky, ctx, { shipmentId: risky.id, versionId: "air" }).applicable).toBe(false);
    const air = {
      transportMode: "air" as const, portOfLoading: "ECUIO", transshipmentPorts: [], portOfDischarge: "NLAMS", containerNumber: "PMC81656KL",
      containerType: undefined, sealNumbers: [], packageType: "BX",
    };
    const hot = compiled.score(shipment({
      ...air, billOfLading: "074-10615055", consignee: { name: "Nova Import BV", address: "Bos en Lommerweg 210-3, 1055 DV Amsterdam", country: "NL" },
      forwarder: { name: "Nova Import B.V.", country: "NL" }, goodsDescription: "Various handicrafts", packages: 12, grossWeightKg: 626, declaredValue: 380, freightTerms: "collect",
      attributes: { amendment: "consignee changed" },
    }), ctx, { shipmentId: "air-hot", versionId: "air" });
    expect(hot.indicators.map((i) => i.code)).toEqual(["AWB_INVALID", "SRC_ORIGIN", "NEW_CONSIGNEE", "CONSIGNEE_NO_ID", "RESIDENTIAL_ADDRESS", "GENERIC_DESC", "KG_PER_PIECE", "VALUE_ANOMALY", "FORWARDER_AS_CONSIGNEE", "COLLECT_NEW_PARTY", "AMENDED"]);
    expect(hot.selected).toBe(true);
    // Known parties, a valid waybill, boxes of a usual weight, from outside the source region: nothing to say.
    const quiet = compiled.score(shipment({
      ...air, portOfLoading: "CNPVG", billOfLading: "074-86852695", countryOfOrigin: "CN", countryOfDeparture: "CN", hsCodes: ["847130"],
      goodsDescription: "Portable computers laptops 14 inch", packages: 100, grossWeightKg: 1_500, declaredValue: 90_000,
    }), context(), { shipmentId: "air-quiet", versionId: "air" });
    expect(quiet.indicators).toEqual([]);
  });
});
