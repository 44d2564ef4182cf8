// Scores, bands, selection, random draws, scope and validity, tables, and
// combining several profiles.
import { describe, expect, it } from "vitest";
import { scoreWithProfiles } from "../../../profiling/combine.js";
import { selectionDraw } from "../../../profiling/dsl/compiler/random-selection.js";
import { compile, context, profileDoc, shipment } from "./support.js";

const ids = { shipmentId: "shp-1", versionId: "v1" };
const always = { op: "exists", field: "portOfLoading" };
const never = { op: "eq", field: "isEmpty", value: true };
const ind = (code: string, points: number, when: unknown = always) => ({ code, label: code.toLowerCase(), points, when });

describe("score and bands", () => {
  it("sums the points of matched indicators, negative points included", () => {
    const p = compile(profileDoc([ind("A", 25), ind("B", 40), ind("C", -5), ind("D", 100, never)]));
    const r = p.score(shipment(), context(), ids);
    expect(r.score).toBe(60);
    expect(r.indicators.map((i) => [i.code, i.points])).toEqual([["A", 25], ["B", 40], ["C", -5]]);
    expect(r.band).toBe("high");
    expect(r.selected).toBe(true);
  });

  it("puts each threshold boundary in the band above", () => {
    const band = (points: number) => compile(profileDoc([ind("A", points)])).score(shipment(), context(), ids);
    expect(band(60).band).toBe("high");
    expect(band(59.99).band).toBe("medium");
    expect(band(35).band).toBe("medium");
    expect(band(15).band).toBe("low");
    expect(band(14.99).band).toBeNull();
    expect(band(-20).band).toBeNull();
    expect(band(59.99).selected).toBe(false);
  });

  it("rounds sums so decimal points reach their threshold", () => {
    const p = compile(profileDoc([ind("A", 0.1), ind("B", 0.2), ind("C", 59.7)]));
    expect(p.score(shipment(), context(), ids).score).toBe(60);
    expect(p.score(shipment(), context(), ids).band).toBe("high");
  });

  it("selects from the select threshold when given", () => {
    const p = compile(profileDoc([ind("A", 40)], { thresholds: { high: 60, medium: 35, low: 15, select: 40 } }));
    const r = p.score(shipment(), context(), ids);
    expect([r.band, r.selected, r.random]).toEqual(["medium", true, false]);
  });
});

describe("random selection", () => {
  it("never selects at random with rate 0", () => {
    const p = compile(profileDoc([ind("A", 0)], { randomRate: 0 }));
    for (let i = 0; i < 2_000; i++) expect(p.score(shipment(), context(), { shipmentId: `s${i}`, versionId: "v1" }).random).toBe(false);
  });

  it("selects about the rate, deterministically, whatever the score", () => {
    const p = compile(profileDoc([ind("A", -50)], { randomRate: 0.2 }));
    let n = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = p.score(shipment(), context(), { shipmentId: `shp-${i}`, versionId: "v7" });
      if (r.random) {
        n++;
        expect(r.selected).toBe(true);
        expect(r.band).toBeNull();
      }
    }
    expect(n / 20_000).toBeGreaterThan(0.19);
    expect(n / 20_000).toBeLessThan(0.21);
    const a = p.score(shipment(), context(), { shipmentId: "shp-42", versionId: "v7" }).random;
    expect(p.score(shipment(), context(), { shipmentId: "shp-42", versionId: "v7" }).random).toBe(a);
  });

  it("draws independently per profile version", () => {
    let same = 0;
    for (let i = 0; i < 10_000; i++) if ((selectionDraw(`s${i}`, "v1") < 0.1) === (selectionDraw(`s${i}`, "v2") < 0.1)) same++;
    // Independent draws at 10 % agree on ~82 % of shipments (0.9² + 0.1²).
    expect(same / 10_000).toBeGreaterThan(0.8);
    expect(same / 10_000).toBeLessThan(0.84);
    expect(selectionDraw("ab", "c")).not.toBe(selectionDraw("a", "bc"));
  });
});

describe("scope and validity", () => {
  it("does not apply outside its transport modes or units", () => {
    const p = compile(profileDoc([ind("A", 80)], { randomRate: 0.2, scope: { units: ["BEANR"], transportModes: ["sea"] } }));
    expect(p.score(shipment({ transportMode: "air" }), context(), ids)).toEqual({ score: 0, band: null, selected: false, random: false, applicable: false, indicators: [] });
    expect(p.score(shipment(), context({ unitCode: "NLRTM" }), ids).applicable).toBe(false);
    expect(p.score(shipment(), context({ unitCode: "BEANR" }), ids).score).toBe(80);
    expect(p.score(shipment(), context(), ids).score).toBe(80); // no unit known: unit scope ignored
  });

  it("applies from validFrom through the whole of validTo, by arrival date else now", () => {
    const p = compile(profileDoc([ind("A", 80)], { validFrom: "2026-03-01", validTo: "2026-03-31" }));
    expect(p.score(shipment({ arrivalDate: "2026-03-01" }), context(), ids).applicable).toBe(true);
    expect(p.score(shipment({ arrivalDate: "2026-03-31T23:59:00Z" }), context(), ids).applicable).toBe(true);
    expect(p.score(shipment({ arrivalDate: "2026-04-01" }), context(), ids).applicable).toBe(false);
    expect(p.score(shipment({ arrivalDate: "2026-02-28T23:59:59Z" }), context(), ids).applicable).toBe(false);
    expect(p.score(shipment({ arrivalDate: undefined }), context({ now: new Date("2026-03-20T00:00:00Z") }), ids).applicable).toBe(true);
    expect(p.score(shipment({ arrivalDate: undefined }), context({ now: new Date("2026-04-20T00:00:00Z") }), ids).applicable).toBe(false);
  });
});

describe("table indicators", () => {
  const table = (extra: Record<string, unknown> = {}) => ({ code: "IMP", label: "importer", table: { key: ["consignee.id"], entries: { be0412345678: 14.5, X2: -3.2 }, ...extra } });

  it("adds the entry's points with the key as evidence", () => {
    const r = compile(profileDoc([table()])).score(shipment(), context(), ids);
    expect(r.indicators).toEqual([{ code: "IMP", label: "importer", points: 14.5, evidence: [{ field: "consignee.id", value: "BE0412345678" }] }]);
  });

  it("applies the default to present values only, and stays silent at 0", () => {
    const p = compile(profileDoc([table({ default: 2 })]));
    expect(p.score(shipment({ consignee: { id: "OTHER" } }), context(), ids).score).toBe(2);
    expect(p.score(shipment({ consignee: { name: "no id" } }), context(), ids).indicators).toEqual([]);
    expect(compile(profileDoc([table({ default: 0 })])).score(shipment({ consignee: { id: "OTHER" } }), context(), ids).indicators).toEqual([]);
  });

  it("joins multi-field keys with | and reads hs:N from the first HS code", () => {
    const p = compile(profileDoc([{ code: "T", label: "t", table: { key: ["hs:4", "countryOfOrigin"], entries: { "0803|EC": 6, "0901|EC": 9 } } }]));
    expect(p.score(shipment({ hsCodes: ["080390", "090111"] }), context(), ids).score).toBe(6);
    expect(p.score(shipment({ countryOfOrigin: undefined }), context(), ids).score).toBe(0);
  });

  it("applies only where its condition holds", () => {
    const p = compile(profileDoc([{ ...table(), when: { op: "routeVia", ports: ["COCTG"] } }]));
    expect(p.score(shipment(), context(), ids).score).toBe(0);
    expect(p.score(shipment({ transshipmentPorts: ["COCTG"] }), context(), ids).indicators[0]?.evidence).toEqual([{ field: "derived.route", value: "COCTG" }, { field: "consignee.id", value: "BE0412345678" }]);
  });

  it("keeps prototype names as plain keys", () => {
    const p = compile(profileDoc([{ code: "T", label: "t", table: { key: ["consignee.id"], entries: { TOSTRING: 3, VALUEOF: 4 } } }]));
    expect(p.score(shipment({ consignee: { id: "toString" } }), context(), ids).score).toBe(3);
    expect(p.score(shipment({ consignee: { id: "hasOwnProperty" } }), context(), ids).score).toBe(0);
  });
});

describe("evidence", () => {
  it("shows at most 10 items per indicator", () => {
    const of = Array.from({ length: 15 }, (_, i) => ({ op: "exists", field: i % 2 === 0 ? "portOfLoading" : "hsCodes" }));
    const r = compile(profileDoc([ind("A", 1, { op: "all", of })])).score(shipment(), context(), ids);
    expect(r.indicators[0]?.evidence).toHaveLength(10);
  });
});

describe("scoreWithProfiles", () => {
  it("combines: highest score and band, selected if any, random if any", () => {
    const a = compile(profileDoc([ind("A", 40)], { code: "A-PROF" }));
    const b = compile(profileDoc([ind("B", 70)], { code: "B-PROF", scope: { transportModes: ["air"] } }));
    const c = compile(profileDoc([ind("C", 20)], { code: "C-PROF", randomRate: 0.2 }));
    const versions = [{ versionId: "va", compiled: a }, { versionId: "vb", compiled: b }, { versionId: "vc", compiled: c }];
    let sawRandom = false;
    for (let i = 0; i < 50; i++) {
      const s = shipment({ id: `s${i}` });
      const { overall, results } = scoreWithProfiles(versions, s, context());
      expect(results.map((r) => r.profileCode)).toEqual(["A-PROF", "B-PROF", "C-PROF"]);
      expect(results[1]?.result.applicable).toBe(false);
      expect(overall.score).toBe(40);
      expect(overall.band).toBe("medium");
      expect(overall.random).toBe(results[2]?.result.random);
      expect(overall.selected).toBe(overall.random);
      sawRandom ||= overall.random;
    }
    expect(sawRandom).toBe(true);
  });
});

describe("watchlist matches flag a shipment whatever its score", () => {
  const listed = { op: "all", of: [always, { op: "inList", field: "consignee.name", list: "WATCH" }] };
  const versions = () => [{ versionId: "v1", compiled: compile(profileDoc([ind("A", 5), ind("LISTED", 1, listed)])) }];

  it("is watchlisted when an indicator reading a list matched, not otherwise", () => {
    const s = shipment();
    const name = String(s.consignee?.name ?? "");
    expect(name).not.toBe("");
    const onList = scoreWithProfiles(versions(), s, context({ watchlists: new Map([["WATCH", new Set([name])]]) }));
    expect(onList.overall).toMatchObject({ score: 6, selected: false, watchlisted: true });
    const offList = scoreWithProfiles(versions(), s, context({ watchlists: new Map([["WATCH", new Set(["SOMEONE ELSE"])]]) }));
    expect(offList.overall).toMatchObject({ score: 5, watchlisted: false });
  });
});
