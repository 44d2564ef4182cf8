import { describe, expect, test } from "vitest";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import {
  generateMegaVesselManifest, loadAgencies, loadAirCargoManifest, loadBananaReeferManifest, loadDemoManifests, loadUnits,
  PLANTED_RISKS, type ManifestDocument, type ManifestShipment, type PlantedRisk,
} from "../../fixtures/index.js";
import { COMMODITIES, GENERIC_DESCRIPTIONS } from "../../fixtures/mega-vessel-catalog.js";
import { validateAirWaybill, validateUld } from "../../profiling/features/air-waybill.js";
import { isCountryCode } from "../../profiling/features/countries.js";
import { isCurrencyCode } from "../../profiling/features/currencies.js";
import { validateHsCode } from "../../profiling/features/hs.js";
import { validateImo } from "../../profiling/features/imo.js";
import { describeContainerType, validateContainerNumber, validateContainerType } from "../../profiling/features/iso6346.js";
import { portInfo, validateLocode } from "../../profiling/features/locode.js";
import { validateScac } from "../../profiling/features/scac.js";

const DAY = 86_400_000;
const banana = loadBananaReeferManifest();
const air = loadAirCargoManifest();
const mega = generateMegaVesselManifest();

/** Every identifier problem of a manifest, as "path: reason" lines (empty when all valid). */
function identifierProblems(m: ManifestDocument): string[] {
  const problems: string[] = [];
  const check = (path: string, reason: string | null) => { if (reason) problems.push(`${path}: ${reason}`); };
  const country = (path: string, code: string | undefined) => { if (code !== undefined && !isCountryCode(code)) problems.push(`${path}: ${code}`); };
  if (m.vessel) check("vessel.imo", validateImo(m.vessel.imo));
  if (m.carrier?.scac) check("carrier.scac", validateScac(m.carrier.scac));
  for (const [path, code] of [["portOfLoading", m.portOfLoading], ["portOfDischarge", m.portOfDischarge], ...m.transshipmentPorts.map((p, i) => [`transshipmentPorts[${i}]`, p])] as const) {
    check(path, validateLocode(code) ?? (portInfo(code) ? null : "not a known port"));
  }
  m.shipments.forEach((s, i) => {
    const at = `shipments[${i}]`;
    if (m.transportMode === "air") {
      check(`${at}.billOfLading`, validateAirWaybill(s.billOfLading));
      if (s.containerNumber) check(`${at}.containerNumber`, validateUld(s.containerNumber));
    } else {
      check(`${at}.containerNumber`, s.containerNumber ? validateContainerNumber(s.containerNumber) : "missing");
      check(`${at}.containerType`, s.containerType ? validateContainerType(s.containerType) : "missing");
    }
    s.hsCodes.forEach((hs, j) => check(`${at}.hsCodes[${j}]`, validateHsCode(hs)));
    for (const role of ["shipper", "consignee", "notifyParty", "forwarder", "declarant"] as const) country(`${at}.${role}.country`, s[role]?.country);
    country(`${at}.countryOfOrigin`, s.countryOfOrigin);
    country(`${at}.countryOfDeparture`, s.countryOfDeparture);
    if (s.declaredValue && !isCurrencyCode(s.declaredValue.currency)) problems.push(`${at}.declaredValue.currency`);
  });
  return problems;
}

function dateProblems(m: ManifestDocument): string[] {
  const problems: string[] = [];
  const departure = Date.parse(`${m.departureDate}T00:00:00Z`);
  const arrivalEnd = Date.parse(`${m.arrivalDate}T23:59:59Z`);
  if (!(departure < Date.parse(`${m.arrivalDate}T00:00:00Z`))) problems.push("departure not before arrival");
  const filed = Date.parse(m.manifestFiledAt ?? "");
  // Sea manifests are filed at least a day before loading; air ones on the day of the flight.
  if (!(m.transportMode === "air" ? filed < departure + DAY : filed < departure)) problems.push("filed after departure");
  if (m.manifestAmendedAt && !(Date.parse(m.manifestAmendedAt) > filed && Date.parse(m.manifestAmendedAt) < arrivalEnd)) problems.push("amended outside filing..arrival");
  m.shipments.forEach((s, i) => {
    if (s.bookingDate && !(Date.parse(s.bookingDate) <= departure)) problems.push(`shipments[${i}].bookingDate after departure`);
    const amended = s.attributes?.amendedAt;
    if (typeof amended === "string" && !(Date.parse(amended) > filed && Date.parse(amended) < arrivalEnd)) problems.push(`shipments[${i}] amended outside filing..arrival`);
    if (s.netWeightKg !== undefined && s.grossWeightKg !== undefined && s.netWeightKg > s.grossWeightKg) problems.push(`shipments[${i}] net > gross`);
  });
  return problems;
}

// What each HS code of the hand-made manifests must be described as.
const DESCRIBED_AS: Readonly<Record<string, RegExp>> = {
  "080390": /BANANAS/, "080310": /PLANTAINS/, "080430": /PINEAPPLES/, "080450": /MANGOES/, "081090": /PITAHAYA|PHYSALIS/,
  "030617": /SHRIMP/, "180100": /COCOA BEANS/, "180400": /COCOA BUTTER/, "440722": /BALSA/, "060311": /ROSES/,
  "060312": /CARNATIONS/, "060319": /GYPSOPHILA|HYDRANGEAS/, "160414": /TUNA/, "200891": /HEARTS OF PALM/, "442090": /HANDICRAFTS/,
};

describe("units and agencies", () => {
  const units = loadUnits();
  const agencies = loadAgencies();

  test("the four demo units exist with valid codes, kinds and time zones", () => {
    expect(units.map((u) => u.code)).toEqual(expect.arrayContaining(["ECGYE", "BEANR", "NLRTM", "ECUIO-AIR"]));
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
    for (const unit of units) {
      const port = portInfo(unit.locode);
      expect(port, unit.code).toBeDefined();
      expect(unit.country).toBe(port!.country);
      expect(port!.kinds).toContain(unit.kind === "air_cargo" ? "airport" : "seaport");
      expect(() => new Intl.DateTimeFormat("en", { timeZone: unit.timeZone })).not.toThrow();
    }
    expect(units.find((u) => u.code === "ECUIO-AIR")).toMatchObject({ locode: "ECUIO", kind: "air_cargo" });
  });

  test("every agency staffs existing units, and every unit is joint (two agencies or more)", () => {
    const kinds = ["customs", "police", "gendarmerie", "anti_narcotics", "coast_guard", "navy", "other"];
    expect(new Set(agencies.map((a) => a.code)).size).toBe(agencies.length);
    for (const agency of agencies) {
      expect(kinds).toContain(agency.kind);
      expect(isCountryCode(agency.country)).toBe(true);
      for (const code of agency.units) expect(units.map((u) => u.code)).toContain(code);
    }
    for (const unit of units) expect(agencies.filter((a) => a.units.includes(unit.code)).length, unit.code).toBeGreaterThanOrEqual(2);
  });
});

describe.each([["banana reefer", banana], ["air cargo", air], ["mega-vessel", mega]] as const)("%s manifest", (_name, manifest) => {
  test("every identifier is valid", () => {
    expect(identifierProblems(manifest)).toEqual([]);
  });

  test("dates are consistent: filed, booked and amended in order, departure before arrival", () => {
    expect(dateProblems(manifest)).toEqual([]);
  });

  test("the manifest API accepts it as it is", () => {
    const result = manifestSchema(20_000).safeParse(manifest);
    expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([]);
  });

  test("no two lines share a bill of lading and container", () => {
    const keys = manifest.shipments.map((s) => `${s.billOfLading}|${s.containerNumber ?? ""}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("banana reefer voyage Guayaquil → Manzanillo → Antwerp", () => {
  test("is about 120 lines, mostly bananas in 45R1 reefers", () => {
    expect(banana.shipments.length).toBeGreaterThanOrEqual(110);
    expect(banana.shipments.length).toBeLessThanOrEqual(130);
    const bananas = banana.shipments.filter((s) => s.hsCodes[0] === "080390");
    expect(bananas.length / banana.shipments.length).toBeGreaterThan(0.5);
    expect(bananas.every((s) => s.containerType === "45R1")).toBe(true);
    expect(banana).toMatchObject({ portOfLoading: "ECGYE", transshipmentPorts: ["PAMIT"], portOfDischarge: "BEANR" });
  });

  test.each([
    ["banana", banana, "SAID TO CONTAIN GENERAL CARGO"],
    ["air", air, "PERISHABLE GOODS"],
  ] as const)("%s: HS codes fit the descriptions, except the planted mismatch", (_n, m, planted) => {
    const mismatched = m.shipments.filter((s) => !s.hsCodes.every((hs) => DESCRIBED_AS[hs]?.test(s.goodsDescription ?? "")));
    expect(mismatched.map((s) => s.goodsDescription)).toEqual([planted]);
  });

  test("weights stay within each container type's payload, except where planted", () => {
    for (const s of banana.shipments) expect(s.grossWeightKg!).toBeLessThanOrEqual(describeContainerType(s.containerType!)!.maxPayloadKg);
  });

  test("the planted anomalies are the only ones of their kind", () => {
    expect(banana.shipments.filter((s) => s.sealNumbers.length === 0)).toHaveLength(1);
    expect(banana.shipments.filter((s) => new Set(s.sealNumbers).size < s.sealNumbers.length)).toHaveLength(1);
    expect(banana.shipments.filter((s) => s.freightTerms === "collect")).toHaveLength(3);
    expect(banana.shipments.filter((s) => s.attributes?.amendedAt !== undefined)).toHaveLength(1);
  });
});

describe("planted risks", () => {
  const manifests = new Map([banana, air].map((m) => [m.manifestRef, m]));
  const find = (r: PlantedRisk): { m: ManifestDocument; s: ManifestShipment } => {
    const m = manifests.get(r.manifestRef)!;
    const s = m.shipments.find((x) => x.billOfLading === r.billOfLading && (r.containerNumber ? x.containerNumber === r.containerNumber : x.houseBillOfLading === r.houseBillOfLading));
    if (!s) throw new Error(`${r.code} not found`);
    return { m, s };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const perKg = (s: ManifestShipment) => s.declaredValue!.amount / s.grossWeightKg!;
  const kgPerPackage = (s: ManifestShipment) => s.grossWeightKg! / s.packages!;
  const peers = (m: ManifestDocument, s: ManifestShipment) => m.shipments.filter((x) => x !== s && x.hsCodes[0] === s.hsCodes[0]);
  const linesOf = (m: ManifestDocument, name: string | undefined) => m.shipments.filter((x) => x.consignee?.name === name || x.shipper?.name === name);

  // Each signal as a fact about the data, so a planted line that loses its signal fails here.
  const HOLDS: Record<PlantedRisk["signals"][number], (m: ManifestDocument, s: ManifestShipment) => boolean> = {
    new_party: (m, s) => [s.consignee?.name, s.shipper?.name].some((n) => new Set(linesOf(m, n).map((x) => x.billOfLading)).size === 1),
    residential_address: (_m, s) => [s.consignee?.address, s.shipper?.address].some((a) => /\bbus \d|\bcasa \d|Villa \d|\d+-\d,/i.test(a ?? "")),
    collect_freight: (_m, s) => s.freightTerms === "collect",
    late_booking: (m, s) => Date.parse(m.departureDate!) - Date.parse(s.bookingDate!) <= 3 * DAY,
    generic_description: (_m, s) => /GENERAL CARGO|VARIOUS|PERISHABLE GOODS|SAID TO CONTAIN/.test(s.goodsDescription ?? ""),
    hs_description_mismatch: (_m, s) => !DESCRIBED_AS[s.hsCodes[0]!]!.test(s.goodsDescription!),
    value_below_norm: (m, s) => perKg(s) < 0.3 * median(peers(m, s).map(perKg)),
    missing_seal: (_m, s) => s.sealNumbers.length === 0 && !s.isEmpty,
    duplicate_seal: (_m, s) => new Set(s.sealNumbers).size < s.sealNumbers.length,
    late_amendment: (m, s) => Date.parse(`${m.arrivalDate}T23:59:59Z`) - Date.parse(String(s.attributes?.amendedAt)) < 2 * DAY,
    forwarder_as_consignee: (_m, s) => s.forwarder !== undefined && s.forwarder.name === s.consignee?.name,
    shared_address: (m, s) => new Set(m.shipments.filter((x) => x.consignee?.address === s.consignee?.address).map((x) => x.consignee?.name)).size >= 3,
    commodity_party_mismatch: (m, s) => {
      const others = m.shipments.filter((x) => x !== s && x.shipper?.name === s.shipper?.name);
      return others.length > 0 && others.every((x) => x.hsCodes[0]!.slice(0, 2) !== s.hsCodes[0]!.slice(0, 2));
    },
    weight_implausible: (m, s) => {
      const others = peers(m, s).filter((x) => !PLANTED_RISKS.some((r) => r.billOfLading === x.billOfLading));
      if (others.length < 3) return kgPerPackage(s) > 40;
      const ratio = kgPerPackage(s) / median(others.map(kgPerPackage));
      return ratio < 0.6 || ratio > 1.6;
    },
  };

  test.each(PLANTED_RISKS.map((r) => [r.code, r] as const))("%s shows every signal it claims", (_code, risk) => {
    const { m, s } = find(risk);
    expect(risk.signals.filter((signal) => !HOLDS[signal](m, s))).toEqual([]);
  });

  test("regular lines do not show the strongest signals", () => {
    const planted = new Set(PLANTED_RISKS.map((r) => find(r).s));
    const regular = [banana, air].flatMap((m) => m.shipments.filter((s) => !planted.has(s)).map((s) => ({ m, s })));
    for (const signal of ["generic_description", "value_below_norm", "forwarder_as_consignee", "shared_address", "duplicate_seal"] as const) {
      expect(regular.filter(({ m, s }) => HOLDS[signal](m, s)).map(({ s }) => s.billOfLading), signal).toEqual([]);
    }
  });
});

describe("generated mega-vessel", () => {
  test("has 15,000 containers by default on the Shanghai → Singapore → Rotterdam route", () => {
    expect(mega.shipments).toHaveLength(15_000);
    expect(mega).toMatchObject({ portOfLoading: "CNSHA", transshipmentPorts: ["SGSIN"], portOfDischarge: "NLRTM" });
  });

  test("the same seed gives identical output, another seed a different one", () => {
    expect(generateMegaVesselManifest(42, 300)).toEqual(generateMegaVesselManifest(42, 300));
    expect(JSON.stringify(generateMegaVesselManifest())).toBe(JSON.stringify(mega));
    const other = generateMegaVesselManifest(7, 300);
    expect(other.shipments.map((s) => s.containerNumber)).not.toEqual(generateMegaVesselManifest(42, 300).shipments.map((s) => s.containerNumber));
  });

  test("honours the count, down to one container", () => {
    expect(generateMegaVesselManifest(1, 1).shipments).toHaveLength(1);
    expect(generateMegaVesselManifest(1, 2_345).shipments).toHaveLength(2_345);
  });

  test("container numbers are unique, so container + B/L pairs are too", () => {
    expect(new Set(mega.shipments.map((s) => s.containerNumber)).size).toBe(15_000);
  });

  test("mixes the usual container types, origins and commodities coherently", () => {
    const types = new Set(mega.shipments.map((s) => s.containerType));
    for (const t of ["22G1", "42G1", "45G1", "45R1"]) expect(types).toContain(t);
    expect(new Set(mega.shipments.map((s) => s.countryOfOrigin))).toEqual(new Set(["CN", "VN", "KR"]));
    const byHs = new Map(COMMODITIES.map((c) => [c.hs, c]));
    for (const s of mega.shipments) {
      const c = byHs.get(s.hsCodes[0]!)!;
      expect(s.goodsDescription === c.description || GENERIC_DESCRIPTIONS.includes(s.goodsDescription!)).toBe(true);
      expect(s.grossWeightKg!).toBeLessThanOrEqual(describeContainerType(s.containerType!)!.maxPayloadKg);
      expect(describeContainerType(s.containerType!)!.isReefer).toBe(c.reeferSetpointC !== undefined);
    }
  });

});

describe("demo manifests", () => {
  test("go to existing units, each at its own end of the voyage", () => {
    const units = new Map(loadUnits().map((u) => [u.code, u]));
    const demo = loadDemoManifests();
    expect(demo.map((d) => d.unitCode)).toEqual(["ECGYE", "BEANR", "ECUIO-AIR", "NLRTM"]);
    for (const { unitCode, manifest } of demo) {
      const locode = units.get(unitCode)!.locode;
      expect([manifest.portOfLoading, manifest.portOfDischarge]).toContain(locode);
    }
  });
});
