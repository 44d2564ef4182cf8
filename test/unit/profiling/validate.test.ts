import { describe, expect, it } from "vitest";
import { validateProfile } from "../../../profiling/dsl/validate.js";
import { profileDoc } from "./support.js";

const rule = (when: unknown, extra: Record<string, unknown> = {}) => ({ code: "R1", label: "r", points: 10, when, ...extra });

function errorsOf(doc: unknown): { path: string; message: string }[] {
  const r = validateProfile(doc);
  if (r.ok) throw new Error("expected the profile to be rejected");
  return r.errors;
}

describe("validateProfile", () => {
  it("accepts a well-formed profile and returns it typed", () => {
    const r = validateProfile(profileDoc([rule({ op: "in", field: "countryOfOrigin", values: ["EC", "co"] })]));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.profile.indicators[0]?.code).toBe("R1");
  });

  it("names the path of a bad country code", () => {
    const doc = profileDoc([rule({ op: "eq", field: "transportMode", value: "sea" }), rule({ op: "eq", field: "transportMode", value: "sea" }, { code: "R2" }),
      rule({ op: "in", field: "countryOfOrigin", values: ["XX", "EC"] }, { code: "R3" })]);
    expect(errorsOf(doc)).toContainEqual({ path: "indicators[2].when.values[0]", message: "not an ISO 3166 country code" });
  });

  it("rejects unknown ops, unknown fields and unknown field paths with their path", () => {
    expect(errorsOf(profileDoc([rule({ op: "like", field: "goodsDescription" })]))).toEqual([{ path: "indicators[0].when.op", message: 'unknown op "like"' }]);
    expect(errorsOf(profileDoc([rule({ op: "exists", field: "goodsDescription", extra: 1 })]))).toEqual([{ path: "indicators[0].when.extra", message: "unknown field" }]);
    expect(errorsOf(profileDoc([rule({ op: "exists", field: "consignee.phone" })]))[0]).toEqual({ path: "indicators[0].when.field", message: "unknown field path: consignee.phone" });
    expect(errorsOf({ ...profileDoc([rule({ op: "sealIssue" })]), colour: "red" })).toEqual([{ path: "colour", message: "unknown field" }]);
  });

  it("rejects ops applied to fields of the wrong kind and badly typed values", () => {
    expect(errorsOf(profileDoc([rule({ op: "gt", field: "goodsDescription", value: 3 })]))[0]?.path).toBe("indicators[0].when.op");
    expect(errorsOf(profileDoc([rule({ op: "eq", field: "grossWeightKg", value: "heavy" })]))[0]).toEqual({ path: "indicators[0].when.value", message: "expected a number" });
    expect(errorsOf(profileDoc([rule({ op: "lt", field: "arrivalDate", value: "2026-02-30" })]))[0]).toEqual({ path: "indicators[0].when.value", message: "expected an ISO date" });
    expect(errorsOf(profileDoc([rule({ op: "routeVia", ports: ["ECGYE", "GUAYAQUIL"] })]))[0]).toEqual({ path: "indicators[0].when.ports[1]", message: "not a UN/LOCODE" });
    expect(errorsOf(profileDoc([rule({ op: "hsPrefix", prefixes: ["08", "7"] })]))[0]?.path).toBe("indicators[0].when.prefixes[1]");
    expect(errorsOf(profileDoc([rule({ op: "eq", field: "freightTerms", value: "cash" })]))[0]).toEqual({ path: "indicators[0].when.value", message: "expected one of prepaid, collect" });
  });

  it("accepts partySeizureLinked with degree 1, 2 or none, and names a bad degree", () => {
    for (const degree of [undefined, 1, 2]) expect(validateProfile(profileDoc([rule({ op: "partySeizureLinked", role: "any", degree })])).ok).toBe(true);
    const message = "must be 1 (a party of a seized shipment) or 2 (also a party that shared a shipment with one)";
    for (const degree of [0, 3, 1.5]) {
      expect(errorsOf(profileDoc([rule({ op: "not", of: { op: "partySeizureLinked", role: "consignee", degree } })]))).toEqual([{ path: "indicators[0].when.of.degree", message }]);
    }
    expect(errorsOf(profileDoc([rule({ op: "partySeizureLinked", role: "consignee", degree: "2" })]))).toEqual([{ path: "indicators[0].when.degree", message: "expected number" }]);
    expect(errorsOf(profileDoc([rule({ op: "partyNew", role: "consignee", days: 30, degree: 2 })]))).toEqual([{ path: "indicators[0].when.degree", message: "unknown field" }]);
  });

  it("checks thresholds, validity, duplicate codes and rule/table shape", () => {
    const bad = profileDoc([rule({ op: "sealIssue" }), rule({ op: "sealIssue" })], { thresholds: { high: 10, medium: 20, low: 5 }, validFrom: "2026-05-01", validTo: "2026-04-01" });
    const errors = errorsOf(bad);
    expect(errors).toContainEqual({ path: "thresholds.medium", message: "must not be above high" });
    expect(errors).toContainEqual({ path: "validTo", message: "is before validFrom" });
    expect(errors).toContainEqual({ path: "indicators[1].code", message: "duplicate indicator code R1 (also indicators[0])" });
    expect(errorsOf(profileDoc([{ code: "T", label: "t" }]))).toContainEqual({ path: "indicators[0].points", message: "a rule indicator needs points" });
    expect(errorsOf(profileDoc([{ code: "T", label: "t", points: 3, table: { key: ["consignee.id"], entries: {} } }]))[0]?.path).toBe("indicators[0].points");
    expect(errorsOf(profileDoc([rule({ op: "sealIssue" }, { points: 1001 })]))[0]?.path).toBe("indicators[0].points");
    expect(errorsOf(profileDoc([rule({ op: "sealIssue" })], { randomRate: 0.5 }))[0]?.path).toBe("randomRate");
  });

  it("rejects table entries whose key does not have one value per key field, or collide once normalised", () => {
    const errors = errorsOf(profileDoc([{ code: "T", label: "t", table: { key: ["hs:4", "countryOfOrigin"], entries: { "0803|EC": 5, "0803": 2, "0803|ec": 1 } } }]));
    expect(errors).toContainEqual({ path: 'indicators[0].table.entries["0803"]', message: "expected 2 value(s) joined by '|'" });
    expect(errors).toContainEqual({ path: 'indicators[0].table.entries["0803|ec"]', message: 'same entry as "0803|EC" once normalised' });
  });
});

describe("hostile profiles", () => {
  it("rejects conditions nested 50 deep with a path, without recursing into them", () => {
    let when: unknown = { op: "sealIssue" };
    for (let i = 0; i < 50; i++) when = { op: "not", of: when };
    const errors = errorsOf(profileDoc([rule(when)]));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe("conditions nested deeper than 12");
    expect(errors[0]?.path).toBe(`indicators[0].when${".of".repeat(12)}`);
  });

  it("accepts nesting at exactly the depth limit", () => {
    let when: unknown = { op: "sealIssue" };
    for (let i = 0; i < 11; i++) when = { op: "all", of: [when] };
    expect(validateProfile(profileDoc([rule(when)])).ok).toBe(true);
  });

  it("rejects 100,000-deep JSON nesting quickly", () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const t = performance.now();
    const errors = errorsOf({ ...profileDoc([rule({ op: "sealIssue" })]), deep });
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(errors[0]?.message).toBe("nested deeper than any profile can be");
  });

  it("rejects a 1,000,000-entry list by its path before walking it", () => {
    const values = new Array<string>(1_000_000).fill("EC");
    const t = performance.now();
    const errors = errorsOf(profileDoc([rule({ op: "in", field: "countryOfOrigin", values })]));
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(errors).toEqual([{ path: "indicators[0].when.values", message: "too many items (1000000; at most 10000)" }]);
  });

  it("rejects a list just over its own limit and a table over 100,000 entries", () => {
    const values = Array.from({ length: 10_001 }, (_, i) => `V${i}`);
    expect(errorsOf(profileDoc([rule({ op: "in", field: "manifestRef", values })]))[0]?.path).toBe("indicators[0].when.values");
    const entries: Record<string, number> = {};
    for (let i = 0; i < 100_001; i++) entries[`K${i}`] = 1;
    expect(errorsOf(profileDoc([{ code: "T", label: "t", table: { key: ["consignee.id"], entries } }]))[0]).toEqual({ path: "indicators[0].table.entries", message: "too many keys (100001; at most 100000)" });
  });

  it("counts condition nodes per indicator", () => {
    const leaves = Array.from({ length: 100 }, () => ({ op: "sealIssue" }));
    const wide = { op: "any", of: Array.from({ length: 25 }, () => ({ op: "all", of: leaves })) };
    expect(errorsOf(profileDoc([rule(wide)]))).toContainEqual({ path: "indicators[0].when", message: "more than 2000 conditions in one indicator" });
  });

  it("rejects catastrophic regexes at validation", () => {
    for (const pattern of ["(a+)+$", "(a|aa)*", "(a*)*b", "(\\w+\\s?)+$", "(a|a)+", "(.*a){20}"]) {
      const errors = errorsOf(profileDoc([rule({ op: "matches", field: "goodsDescription", pattern })]));
      expect(errors[0]?.path, pattern).toBe("indicators[0].when.pattern");
    }
    for (const pattern of ["(?=a)", "(?<!a)b", "(a)\\1", "(?<n>a)\\k<n>"]) {
      expect(errorsOf(profileDoc([rule({ op: "matches", field: "goodsDescription", pattern })]))[0]?.path, pattern).toBe("indicators[0].when.pattern");
    }
    expect(errorsOf(profileDoc([rule({ op: "matches", field: "goodsDescription", pattern: "a".repeat(201) })]))[0]?.path).toBe("indicators[0].when.pattern");
  });

  it("rejects __proto__ and constructor keys in tables and documents, and prototype names as attributes", () => {
    const table = JSON.parse('{"code":"T","label":"t","table":{"key":["consignee.id"],"entries":{"__proto__":5,"constructor":3,"X1":1}}}') as unknown;
    const errors = errorsOf(profileDoc([table]));
    expect(errors).toContainEqual({ path: "indicators[0].table.entries.__proto__", message: "reserved key" });
    expect(errors).toContainEqual({ path: "indicators[0].table.entries.constructor", message: "reserved key" });
    const polluted = JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(errorsOf({ ...profileDoc([rule({ op: "sealIssue" })]), ...polluted })).toContainEqual({ path: "__proto__", message: "reserved key" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const name of ["__proto__", "constructor", "toString"]) {
      const e = errorsOf(profileDoc([rule({ op: "exists", field: `attributes.${name}` })]));
      expect(e[0]).toEqual({ path: "indicators[0].when.field", message: `'${name}' is a reserved name: attributes.${name}` });
    }
  });

  it("caps the number of errors reported", () => {
    const indicators = Array.from({ length: 300 }, (_, i) => rule({ op: "eq", field: "countryOfOrigin", value: "XX" }, { code: `R${i}` }));
    const errors = errorsOf(profileDoc(indicators));
    expect(errors).toHaveLength(101);
    expect(errors[100]).toEqual({ path: "", message: "200 more errors not shown" });
  });

  it("rejects non-objects", () => {
    expect(errorsOf(null)[0]?.message).toBe("expected object");
    expect(errorsOf("profile")[0]?.path).toBe("");
  });
});
