// Every operator's behaviour at its edges: missing fields, arrays, case,
// accents, dates, party history, watchlists and the domain checks.
import { describe, expect, it } from "vitest";
import { context, holds, NOW, scoreRule, shipment } from "./support.js";

const DAY = 86_400_000;

describe("eq / neq / in / notIn", () => {
  it("compares text case- and accent-insensitively, party names without legal suffixes", () => {
    expect(holds({ op: "eq", field: "vesselName", value: "msc aurora" })).toBe(true);
    expect(holds({ op: "eq", field: "shipper.name", value: "EXPORTADORA BANANERA DEL PACIFICO" })).toBe(true);
    expect(holds({ op: "eq", field: "shipper.name", value: "Exportadora Bananera del Pacifico S.A.C." })).toBe(true);
    expect(holds({ op: "eq", field: "shipper.name", value: "Exportadora Bananera" })).toBe(false);
    expect(holds({ op: "eq", field: "countryOfOrigin", value: "ec" })).toBe(true);
  });

  it("treats a missing value as matching neither eq nor neq, in nor notIn", () => {
    const s = shipment({ countryOfOrigin: undefined });
    for (const op of ["eq", "neq"]) expect(holds({ op, field: "countryOfOrigin", value: "EC" }, s), op).toBe(false);
    for (const op of ["in", "notIn"]) expect(holds({ op, field: "countryOfOrigin", values: ["EC"] }, s), op).toBe(false);
    expect(holds({ op: "not", of: { op: "eq", field: "countryOfOrigin", value: "EC" } }, s)).toBe(true);
  });

  it("matches arrays when any element matches and names that element in the evidence", () => {
    const r = scoreRule({ op: "in", field: "transshipmentPorts", values: ["PAMIT", "COCTG"] }, shipment({ transshipmentPorts: ["ESALG", "pamit"] }));
    expect(r.indicators[0]?.evidence).toEqual([{ field: "transshipmentPorts", value: "pamit" }]);
    expect(holds({ op: "notIn", field: "transshipmentPorts", values: ["PAMIT"] }, shipment({ transshipmentPorts: ["ESALG", "PAMIT"] }))).toBe(false);
    expect(holds({ op: "notIn", field: "transshipmentPorts", values: ["PAMIT"] }, shipment({ transshipmentPorts: ["ESALG"] }))).toBe(true);
    expect(holds({ op: "notIn", field: "transshipmentPorts", values: ["PAMIT"] }, shipment({ transshipmentPorts: [] }))).toBe(false);
  });

  it("compares numbers exactly and booleans strictly", () => {
    expect(holds({ op: "eq", field: "packages", value: 1200 })).toBe(true);
    expect(holds({ op: "in", field: "packages", values: [1199, 1201] })).toBe(false);
    expect(holds({ op: "eq", field: "isEmpty", value: false })).toBe(true);
    expect(holds({ op: "eq", field: "derived.isReefer", value: true })).toBe(true);
    expect(holds({ op: "eq", field: "derived.isReefer", value: true }, shipment({ containerType: "42G1" }))).toBe(false);
  });

  it("compares free attributes as text whatever their type", () => {
    const s = shipment({ attributes: { office: "BEANR01", risk: 5, sealChanged: true, note: null } });
    expect(holds({ op: "eq", field: "attributes.office", value: "beanr01" }, s)).toBe(true);
    expect(holds({ op: "eq", field: "attributes.risk", value: "5" }, s)).toBe(true);
    expect(holds({ op: "eq", field: "attributes.sealChanged", value: true }, s)).toBe(true);
    expect(holds({ op: "eq", field: "attributes.note", value: "x" }, s)).toBe(false);
    expect(holds({ op: "missing", field: "attributes.note" }, s)).toBe(true);
    expect(holds({ op: "missing", field: "attributes.unknownThing" }, s)).toBe(true);
  });

  it("never reads an attribute from the prototype", () => {
    expect(holds({ op: "exists", field: "attributes.hasOwnPropertyX" })).toBe(false);
    const s = shipment({ attributes: Object.create({ inherited: "yes" }) as Record<string, string> });
    expect(holds({ op: "exists", field: "attributes.inherited" }, s)).toBe(false);
  });
});

describe("ordered comparisons", () => {
  it("respects boundaries for gt, gte, lt, lte and between", () => {
    expect(holds({ op: "gt", field: "grossWeightKg", value: 23_500 })).toBe(false);
    expect(holds({ op: "gte", field: "grossWeightKg", value: 23_500 })).toBe(true);
    expect(holds({ op: "lt", field: "grossWeightKg", value: 23_500 })).toBe(false);
    expect(holds({ op: "lte", field: "grossWeightKg", value: 23_500 })).toBe(true);
    expect(holds({ op: "between", field: "grossWeightKg", min: 23_500, max: 23_500 })).toBe(true);
    expect(holds({ op: "between", field: "grossWeightKg", max: 23_499.99 })).toBe(false);
    expect(holds({ op: "between", field: "grossWeightKg", min: 1 })).toBe(true);
  });

  it("compares dates as dates, a bare date meaning midnight UTC", () => {
    expect(holds({ op: "gte", field: "arrivalDate", value: "2026-03-16" })).toBe(true);
    expect(holds({ op: "gt", field: "arrivalDate", value: "2026-03-16" })).toBe(false);
    expect(holds({ op: "lt", field: "manifestFiledAt", value: "2026-03-13T10:00:01Z" })).toBe(true);
    expect(holds({ op: "between", field: "bookingDate", min: "2026-02-01", max: "2026-02-10" })).toBe(true);
    expect(holds({ op: "gt", field: "manifestAmendedAt", value: "2000-01-01" })).toBe(false);
  });

  it("derives hours and days before arrival and departure", () => {
    const s = shipment({ manifestAmendedAt: "2026-03-15T06:00:00Z" }); // 18 h before arrival at 00:00
    expect(scoreRule({ op: "lt", field: "derived.hoursAmendedBeforeArrival", value: 24 }, s).indicators[0]?.evidence).toEqual([{ field: "derived.hoursAmendedBeforeArrival", value: 18 }]);
    expect(holds({ op: "eq", field: "derived.hoursFiledBeforeArrival", value: 62 })).toBe(true);
    expect(holds({ op: "eq", field: "derived.daysBookingToDeparture", value: 10 })).toBe(true);
  });

  it("reads numeric text in attributes, and never matches what is not a number", () => {
    expect(holds({ op: "gt", field: "attributes.freightCost", value: 100 }, shipment({ attributes: { freightCost: "150.5" } }))).toBe(true);
    expect(holds({ op: "gt", field: "attributes.freightCost", value: 100 }, shipment({ attributes: { freightCost: "n/a" } }))).toBe(false);
    expect(holds({ op: "lt", field: "attributes.freightCost", value: 100 }, shipment({ attributes: { freightCost: "" } }))).toBe(false);
  });

  it("leaves negative and missing measures out", () => {
    expect(holds({ op: "lt", field: "derived.valuePerKg", value: 5 }, shipment({ declaredValue: undefined }))).toBe(false);
    expect(holds({ op: "lt", field: "derived.kgPerPackage", value: 5 }, shipment({ packages: 0 }))).toBe(false);
  });
});

describe("exists / missing", () => {
  it("treats blank text, empty lists and absent parties as missing", () => {
    expect(holds({ op: "missing", field: "stuffingLocation" }, shipment({ stuffingLocation: "   " }))).toBe(true);
    expect(holds({ op: "missing", field: "sealNumbers" }, shipment({ sealNumbers: [] }))).toBe(true);
    expect(holds({ op: "missing", field: "sealNumbers" }, shipment({ sealNumbers: [" "] }))).toBe(true);
    expect(holds({ op: "missing", field: "notify.name" })).toBe(true);
    expect(holds({ op: "exists", field: "consignee.id" })).toBe(true);
    expect(holds({ op: "exists", field: "isEmpty" })).toBe(true);
  });
});

describe("text operators", () => {
  it("contains is case- and accent-insensitive and matches any value", () => {
    const s = shipment({ consignee: { name: "X", address: "Calle Mayor 5, Piso 3º, Apartado Postal 12" } });
    expect(holds({ op: "contains", field: "consignee.address", values: ["P.O. BOX", "apartado"] }, s)).toBe(true);
    expect(holds({ op: "contains", field: "goodsDescription", values: ["PLÁTANO", "BANANAS"] })).toBe(true);
    expect(holds({ op: "contains", field: "goodsDescription", values: ["pineapple"] })).toBe(false);
    expect(holds({ op: "contains", field: "goodsDescription", values: ["bananas"] }, shipment({ goodsDescription: "Bánanas  frescas" }))).toBe(true);
  });

  it("matches applies a safe regex, case-sensitive unless flagged", () => {
    expect(holds({ op: "matches", field: "consignee.address", pattern: "^Haven [0-9]+" })).toBe(true);
    expect(holds({ op: "matches", field: "consignee.address", pattern: "^HAVEN" })).toBe(false);
    expect(holds({ op: "matches", field: "consignee.address", pattern: "^HAVEN", flags: "i" })).toBe(true);
  });

  it("matches only sees the first 200 characters of a value", () => {
    const long = `${"x".repeat(200)}COCAINE`;
    expect(holds({ op: "matches", field: "goodsDescription", pattern: "COCAINE" }, shipment({ goodsDescription: long }))).toBe(false);
  });

  it("hsPrefix matches any code on any prefix", () => {
    expect(holds({ op: "hsPrefix", prefixes: ["0804", "0803"] })).toBe(true);
    expect(holds({ op: "hsPrefix", prefixes: ["08"] }, shipment({ hsCodes: ["440890", "080390"] }))).toBe(true);
    expect(holds({ op: "hsPrefix", prefixes: ["0803901"] })).toBe(false);
    expect(holds({ op: "hsPrefix", prefixes: ["08"] }, shipment({ hsCodes: [] }))).toBe(false);
  });
});

describe("inList", () => {
  const ctx = context({ watchlists: new Map([["WATCH", new Set(["FRESH FRUIT IMPORT", "HAVEN 1200, 2030 ANTWERPEN", "0803", "ID|BE|X1"])]]) });
  it("finds party names (normalised, suffix-free), addresses, HS prefixes and keys", () => {
    expect(holds({ op: "inList", field: "consignee.name", list: "WATCH" }, shipment(), ctx)).toBe(true);
    expect(holds({ op: "inList", field: "consignee.address", list: "WATCH" }, shipment(), ctx)).toBe(true);
    expect(holds({ op: "inList", field: "hsCodes", list: "WATCH" }, shipment(), ctx)).toBe(true);
    expect(holds({ op: "inList", field: "consignee.key", list: "WATCH" }, shipment({ consignee: { key: "ID|BE|X1" } }), ctx)).toBe(true);
    expect(holds({ op: "inList", field: "shipper.name", list: "WATCH" }, shipment(), ctx)).toBe(false);
  });
  it("does not match when the unit has no such list", () => {
    expect(holds({ op: "inList", field: "consignee.name", list: "OTHER" }, shipment(), ctx)).toBe(false);
  });
});

describe("routeVia", () => {
  it("checks loading and transshipment legs, not discharge", () => {
    expect(holds({ op: "routeVia", ports: ["PAMIT"] })).toBe(true);
    expect(holds({ op: "routeVia", ports: ["PAMIT"], legs: "loading" })).toBe(false);
    expect(holds({ op: "routeVia", ports: ["ECGYE"], legs: "transshipment" })).toBe(false);
    expect(holds({ op: "routeVia", ports: ["BEANR"] })).toBe(false);
    expect(holds({ op: "routeVia", countries: ["pa"], legs: "transshipment" })).toBe(true);
    expect(holds({ op: "routeVia", countries: ["CO"] }, shipment({ portOfLoading: " coctg ", transshipmentPorts: [] }))).toBe(true);
  });
  it("gives the port as evidence", () => {
    expect(scoreRule({ op: "routeVia", ports: ["PAMIT"] }).indicators[0]?.evidence).toEqual([{ field: "derived.route", value: "PAMIT" }]);
  });
});

describe("party history", () => {
  const seen = new Map([["ID|BE|BE0412345678", new Date(NOW.getTime() - 30 * DAY)], ["ID|EC|0991234567001", new Date(NOW.getTime() - 400 * DAY)]]);
  const ctx = context({ partyFirstSeen: (k) => seen.get(k), partyLinkedToSeizure: (k) => k === "ID|EC|0991234567001" });

  it("partyNew: first seen within N days before the shipment's arrival, or never", () => {
    // First seen 2026-02-13; the shipment arrives 2026-03-16: 31 days, counted from arrival, not from ctx.now (2026-03-15).
    expect(holds({ op: "partyNew", role: "consignee", days: 31 }, shipment(), ctx)).toBe(true);
    expect(holds({ op: "partyNew", role: "consignee", days: 30 }, shipment(), ctx)).toBe(false);
    expect(holds({ op: "partyNew", role: "shipper", days: 365 }, shipment(), ctx)).toBe(false);
    expect(holds({ op: "partyNew", role: "forwarder", days: 1 }, shipment(), ctx)).toBe(true); // never seen
    expect(holds({ op: "partyNew", role: "notify", days: 1000 }, shipment(), ctx)).toBe(false); // no notify party
    const r = scoreRule({ op: "partyNew", role: "any", days: 90 }, shipment(), ctx);
    expect(r.indicators[0]?.evidence).toEqual([{ field: "consignee.name", value: "Fresh Fruit Import BV" }, { field: "consignee.firstSeen", value: "2026-02-13" }]);
  });

  it("partyNew: counts from departure without an arrival date, and from ctx.now without either", () => {
    // Departure 2026-02-20: first seen 2026-02-13 is 7 days before.
    expect(holds({ op: "partyNew", role: "consignee", days: 7 }, shipment({ arrivalDate: undefined }), ctx)).toBe(true);
    expect(holds({ op: "partyNew", role: "consignee", days: 6 }, shipment({ arrivalDate: undefined }), ctx)).toBe(false);
    // Neither date: ctx.now (2026-03-15), 30 days.
    expect(holds({ op: "partyNew", role: "consignee", days: 30 }, shipment({ arrivalDate: undefined, departureDate: undefined }), ctx)).toBe(true);
    expect(holds({ op: "partyNew", role: "consignee", days: 29 }, shipment({ arrivalDate: undefined, departureDate: undefined }), ctx)).toBe(false);
  });

  it("partyNew: a party first seen on or after the shipment's date is new, whatever ctx.now", () => {
    const later = context({ now: new Date("2027-01-01T00:00:00Z"), partyFirstSeen: () => new Date("2026-03-16T00:00:00Z") });
    expect(holds({ op: "partyNew", role: "consignee", days: 0 }, shipment(), later)).toBe(true);
    const after = context({ partyFirstSeen: () => new Date("2026-05-01T00:00:00Z") });
    expect(holds({ op: "partyNew", role: "consignee", days: 0 }, shipment(), after)).toBe(true);
    // First seen on this very shipment: its evidence is "never seen" (before it), not the shipment's own date.
    expect(scoreRule({ op: "partyNew", role: "consignee", days: 0 }, shipment(), later).indicators[0]?.evidence)
      .toEqual([{ field: "consignee.name", value: "Fresh Fruit Import BV" }, { field: "consignee.firstSeen", value: "never seen" }]);
    // Seen a day before the shipment: the date of that sighting.
    const dayBefore = context({ partyFirstSeen: () => new Date("2026-03-15T00:00:00Z") });
    expect(scoreRule({ op: "partyNew", role: "consignee", days: 5 }, shipment(), dayBefore).indicators[0]?.evidence)
      .toEqual([{ field: "consignee.name", value: "Fresh Fruit Import BV" }, { field: "consignee.firstSeen", value: "2026-03-15" }]);
  });

  it("partySeizureLinked by role or any role", () => {
    expect(holds({ op: "partySeizureLinked", role: "any" }, shipment(), ctx)).toBe(true);
    expect(holds({ op: "partySeizureLinked", role: "consignee" }, shipment(), ctx)).toBe(false);
  });

  it("partySeizureLinked degree 2: also a party that shared a shipment with a seized shipment's party", () => {
    // Shipper: degree 1. Consignee: degree 2 only. Forwarder: not linked.
    const linkCtx = context({
      partyLinkedToSeizure: (k, degree = 1) => k === "ID|EC|0991234567001" || (degree === 2 && k === "ID|BE|BE0412345678"),
    });
    expect(holds({ op: "partySeizureLinked", role: "consignee" }, shipment(), linkCtx)).toBe(false);
    expect(holds({ op: "partySeizureLinked", role: "consignee", degree: 1 }, shipment(), linkCtx)).toBe(false);
    expect(holds({ op: "partySeizureLinked", role: "consignee", degree: 2 }, shipment(), linkCtx)).toBe(true);
    expect(holds({ op: "partySeizureLinked", role: "shipper", degree: 2 }, shipment(), linkCtx)).toBe(true);
    expect(holds({ op: "partySeizureLinked", role: "forwarder", degree: 2 }, shipment(), linkCtx)).toBe(false);
    expect(scoreRule({ op: "partySeizureLinked", role: "shipper" }, shipment(), linkCtx).indicators[0]?.evidence)
      .toEqual([{ field: "shipper.name", value: "Exportadora Bananera del Pacífico S.A." }, { field: "shipper.seizureLinked", value: true }]);
    expect(scoreRule({ op: "partySeizureLinked", role: "shipper", degree: 2 }, shipment(), linkCtx).indicators[0]?.evidence)
      .toEqual([{ field: "shipper.name", value: "Exportadora Bananera del Pacífico S.A." }, { field: "shipper.seizureLinked", value: "direct" }]);
    expect(scoreRule({ op: "partySeizureLinked", role: "consignee", degree: 2 }, shipment(), linkCtx).indicators[0]?.evidence)
      .toEqual([{ field: "consignee.name", value: "Fresh Fruit Import BV" }, { field: "consignee.seizureLinked", value: "shared shipment" }]);
  });

  it("uses the pipeline's key when set", () => {
    const s = shipment({ consignee: { name: "Other name", key: "ID|EC|0991234567001" } });
    expect(holds({ op: "partySeizureLinked", role: "consignee" }, s, ctx)).toBe(true);
  });

  it("partyIsForwarder by key or by normalised name", () => {
    expect(holds({ op: "partyIsForwarder" })).toBe(false);
    expect(holds({ op: "partyIsForwarder" }, shipment({ consignee: { name: "GLOBAL LOGISTICS N.V." } }))).toBe(true);
    expect(holds({ op: "partyIsForwarder" }, shipment({ consignee: { key: "K1" }, forwarder: { key: "K1" } }))).toBe(true);
    expect(holds({ op: "partyIsForwarder" }, shipment({ forwarder: undefined }))).toBe(false);
  });
});

describe("value, weight, description and seals", () => {
  const ctx = context({ medianValuePerKg: (hs, origin) => (hs === "080390" && origin === "EC" ? 3 : undefined) });
  it("valueAnomaly compares value per kg with the unit's median", () => {
    // 19,620 / 21,800 kg = 0.9 per kg; median 3 → ratio 0.3
    expect(holds({ op: "valueAnomaly", below: 0.3 }, shipment(), ctx)).toBe(false);
    expect(holds({ op: "valueAnomaly", below: 0.31 }, shipment(), ctx)).toBe(true);
    expect(holds({ op: "valueAnomaly", above: 0.29 }, shipment(), ctx)).toBe(true);
    expect(holds({ op: "valueAnomaly", below: 0.5 }, shipment({ countryOfOrigin: "CO" }), ctx)).toBe(false);
    expect(scoreRule({ op: "valueAnomaly", below: 0.5 }, shipment(), ctx).indicators[0]?.evidence[0]).toEqual({ field: "derived.valuePerKgRatio", value: 0.3 });
  });

  it("weightImplausible: over the container's payload, under a full box's floor, or per package", () => {
    expect(holds({ op: "weightImplausible" })).toBe(false);
    expect(holds({ op: "weightImplausible" }, shipment({ containerType: "22G1", grossWeightKg: 31_000 }))).toBe(true);
    expect(holds({ op: "weightImplausible" }, shipment({ grossWeightKg: 40 }))).toBe(true);
    expect(holds({ op: "weightImplausible" }, shipment({ grossWeightKg: 40, isEmpty: true }))).toBe(false);
    expect(holds({ op: "weightImplausible", maxKgPerPackage: 19 })).toBe(true); // 23,500 / 1,200 = 19.6
    expect(holds({ op: "weightImplausible", minKgPerPackage: 20 })).toBe(true);
    expect(holds({ op: "weightImplausible", minKgPerPackage: 19, maxKgPerPackage: 20 })).toBe(false);
  });

  it("genericDescription: generic phrases as whole words, or fewer than three words", () => {
    for (const d of ["GENERAL CARGO", "1 x 40' said to contain various", "F.A.K.", "S.T.C. 1200 CARTONS", "Personal effects", "bananas"]) {
      expect(holds({ op: "genericDescription" }, shipment({ goodsDescription: d })), d).toBe(true);
    }
    for (const d of ["Fresh bananas Cavendish in cartons", "STCH cotton fabric rolls", "Cargo bikes with electric motors"]) {
      expect(holds({ op: "genericDescription" }, shipment({ goodsDescription: d })), d).toBe(d.startsWith("Cargo"));
    }
    expect(holds({ op: "genericDescription" }, shipment({ goodsDescription: undefined }))).toBe(false);
  });

  it("sealIssue: none on a full container, or the same seal twice", () => {
    expect(holds({ op: "sealIssue" })).toBe(false);
    expect(scoreRule({ op: "sealIssue" }, shipment({ sealNumbers: [] })).indicators[0]?.evidence).toEqual([{ field: "sealNumbers", value: "missing" }]);
    expect(scoreRule({ op: "sealIssue" }, shipment({ sealNumbers: ["ab1", "AB1 "] })).indicators[0]?.evidence).toEqual([{ field: "sealNumbers", value: "AB1" }]);
    expect(holds({ op: "sealIssue" }, shipment({ sealNumbers: [], isEmpty: true }))).toBe(false);
    expect(holds({ op: "sealIssue" }, shipment({ sealNumbers: [], containerNumber: undefined, containerType: undefined, transportMode: "air" }))).toBe(false);
  });

  it("airWaybillValid follows the IATA mod-7 check digit, on air shipments only", () => {
    const air = (billOfLading: string | undefined) => shipment({ transportMode: "air", billOfLading });
    expect(holds({ op: "eq", field: "derived.airWaybillValid", value: true }, air("074-86852695"))).toBe(true);
    expect(holds({ op: "eq", field: "derived.airWaybillValid", value: true }, air("07486852695"))).toBe(true);
    expect(holds({ op: "eq", field: "derived.airWaybillValid", value: false }, air("074-86852696"))).toBe(true);
    expect(holds({ op: "eq", field: "derived.airWaybillValid", value: false }, air("074-8685269"))).toBe(true);
    expect(holds({ op: "exists", field: "derived.airWaybillValid" }, air(undefined))).toBe(false);
    expect(holds({ op: "exists", field: "derived.airWaybillValid" }, shipment())).toBe(false);
  });

  it("containerNumberValid follows the ISO 6346 check digit", () => {
    expect(holds({ op: "eq", field: "derived.containerNumberValid", value: true })).toBe(true);
    expect(holds({ op: "eq", field: "derived.containerNumberValid", value: false }, shipment({ containerNumber: "CSQU3054384" }))).toBe(true);
    expect(holds({ op: "exists", field: "derived.containerNumberValid" }, shipment({ containerNumber: undefined }))).toBe(false);
  });

  it("fieldCompare: freight above value, with a factor, and text fields", () => {
    const s = shipment({ declaredValue: 2_000, attributes: { freightCost: 2_500 } });
    expect(holds({ op: "fieldCompare", field: "attributes.freightCost", cmp: "gt", other: "declaredValue" }, s)).toBe(true);
    expect(holds({ op: "fieldCompare", field: "attributes.freightCost", cmp: "gt", other: "declaredValue", factor: 1.5 }, s)).toBe(false);
    expect(holds({ op: "fieldCompare", field: "netWeightKg", cmp: "gt", other: "grossWeightKg" })).toBe(false);
    expect(holds({ op: "fieldCompare", field: "derived.loadingCountry", cmp: "eq", other: "countryOfOrigin" })).toBe(true);
    expect(holds({ op: "fieldCompare", field: "derived.loadingCountry", cmp: "neq", other: "countryOfOrigin" }, shipment({ countryOfOrigin: undefined }))).toBe(false);
  });
});

describe("all / any / not", () => {
  it("keeps the evidence of the branches that made the condition true", () => {
    const r = scoreRule({ op: "all", of: [{ op: "routeVia", ports: ["ECGYE"] }, { op: "any", of: [{ op: "hsPrefix", prefixes: ["0901"] }, { op: "hsPrefix", prefixes: ["0803"] }] }, { op: "not", of: { op: "sealIssue" } }] });
    expect(r.indicators[0]?.evidence).toEqual([{ field: "derived.route", value: "ECGYE" }, { field: "hsCodes", value: "080390" }]);
  });
  it("drops the evidence of an all that failed half-way", () => {
    const r = scoreRule({ op: "any", of: [{ op: "all", of: [{ op: "routeVia", ports: ["ECGYE"] }, { op: "eq", field: "isEmpty", value: true }] }, { op: "eq", field: "packageType", value: "ct" }] });
    expect(r.indicators[0]?.evidence).toEqual([{ field: "packageType", value: "CT" }]);
  });
});
