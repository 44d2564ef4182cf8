// The manifest fast path against the zod schema it stands in for: on every
// input it accepts, zod accepts too and returns the same value with the same
// key order (the content hash is taken over it); valid manifests take the
// fast path; and broken ones, thousands of seeded mutations of every field,
// are either refused by it (zod then names the error) or parsed identically.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fastManifest } from "../../core/manifests/fast-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { generateMegaVesselManifest } from "../../fixtures/generate-mega-vessel.js";
import { seededRandom, type SeededRandom } from "../../fixtures/seeded-random.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";

const MAX = 5_000;
const schema = manifestSchema(MAX);
const example = JSON.parse(readFileSync(new URL("../../fixtures/contract/manifest.example.json", import.meta.url), "utf8")) as Record<string, unknown>;

/** Fast path and zod agree: the fast path refuses, or both give the same JSON text. Returns whether the fast path took it. */
function agree(input: unknown): boolean {
  const fast = fastManifest(input, MAX);
  const slow = schema.safeParse(input);
  if (fast === undefined) return false;
  expect(slow.success, `zod refuses what the fast path took: ${JSON.stringify(slow.error?.issues.slice(0, 2))}`).toBe(true);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
  expect(fast).toEqual(slow.data);
  return true;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const VALUES: unknown[] = [
  undefined, null, "", " ", "  padded  ", "x", "ec", "EC", "ZZ", "eur", "xyz", "45r1", "45G1", "080390", "0803.90", "8", "abc",
  "2026-02-30", "2026-11-05", "1899-12-31", "prepaid", "collect", "PREPAID", "MSCU1234565", " mscu-123456-5 ", "x".repeat(36),
  "x".repeat(301), 0, -0, -1, 1.5, 1e6, 1e6 + 1, 200_000, 200_001, 1e12, Number.MAX_VALUE, true, false, [], ["a"], [" b ", "c"],
  ["x".repeat(31)], Array.from({ length: 11 }, (_, i) => `S${i}`), {}, { name: "A" }, { name: " a ", country: "ec" },
  { name: "A", extra: 1 }, { amount: 10, currency: "usd" }, { amount: -1, currency: "USD" }, { amount: 1, currency: "USD", x: 1 },
  { zeta: 1, alpha: "b", Mid: null, ok: true }, { constructor: 1 }, { "1bad": 1 }, { a: { nested: 1 } }, { a: "x".repeat(2001) },
  Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])),
];

const SHIPMENT_FIELDS = [
  "billOfLading", "houseBillOfLading", "containerNumber", "containerType", "sealNumbers", "isEmpty", "shipper", "consignee",
  "notifyParty", "forwarder", "declarant", "hsCodes", "goodsDescription", "packages", "packageType", "grossWeightKg",
  "netWeightKg", "declaredValue", "countryOfOrigin", "countryOfDeparture", "freightTerms", "bookingDate", "stuffingLocation",
  "placeOfDelivery", "attributes", "unknownField",
];
const VOYAGE_FIELDS = [
  "manifestRef", "transportMode", "carrier", "vessel", "flightNumber", "portOfLoading", "transshipmentPorts", "portOfDischarge",
  "departureDate", "arrivalDate", "manifestFiledAt", "manifestAmendedAt", "shipments", "unknownField",
];

function mutate(manifest: Record<string, unknown>, rnd: SeededRandom): Record<string, unknown> {
  const copy = clone(manifest);
  const shipments = copy.shipments as Record<string, unknown>[];
  const changes = rnd.int(1, 3);
  for (let k = 0; k < changes; k += 1) {
    const target: Record<string, unknown> = rnd.chance(0.8) ? shipments[rnd.int(0, shipments.length - 1)]! : copy;
    const fields = target === copy ? VOYAGE_FIELDS : SHIPMENT_FIELDS;
    const field = rnd.pick(fields);
    const value = rnd.pick(VALUES);
    if (value === undefined) delete target[field];
    else target[field] = clone(value);
  }
  return copy;
}

describe("manifest fast path", () => {
  test("valid manifests take the fast path and parse exactly as zod parses them", () => {
    const inputs = [
      example,
      buildManifest(1),
      buildManifest(2, { shipments: Array.from({ length: 40 }, (_, i) => buildShipment(i)) }),
      generateMegaVesselManifest(42, 2_000),
      generateMegaVesselManifest(7, 300),
    ];
    for (const input of inputs) expect(agree(input)).toBe(true);
  });

  test("values zod normalises come out normalised the same way", () => {
    const manifest = buildManifest(3) as Record<string, unknown>;
    const shipment = (manifest.shipments as Record<string, unknown>[])[0]!;
    const input = {
      ...manifest,
      portOfLoading: "  ecgye ",
      shipments: [{
        ...shipment, containerType: " 45r1", countryOfOrigin: "ec", billOfLading: "  MEDU1 ", hsCodes: [" 080390 "],
        shipper: { country: "ec", name: " Exportadora  ", id: " 7 " }, attributes: { zeta: 1, alpha: "b", Mid: null },
        containerNumber: " mscu-123456-6 ", sealNumbers: [" s1 "],
      }],
    };
    expect(agree(input)).toBe(true);
    const parsed = fastManifest(input, MAX)!;
    expect(Object.keys(parsed.shipments[0]!.attributes)).toEqual(["Mid", "alpha", "zeta"]);
    expect(Object.keys(parsed.shipments[0]!.shipper!)).toEqual(["name", "country", "id"]);
  });

  test("broken manifests are refused or parsed exactly as zod parses them (3,000 seeded mutations)", () => {
    const rnd = seededRandom(2024);
    const bases = [example, buildManifest(4, { shipments: Array.from({ length: 5 }, (_, i) => buildShipment(i)) }), generateMegaVesselManifest(11, 8)];
    let refused = 0;
    for (let i = 0; i < 3_000; i += 1) {
      if (!agree(mutate(bases[i % bases.length] as Record<string, unknown>, rnd))) refused += 1;
    }
    // The mutations do break most manifests: the comparison above is not only over valid ones.
    expect(refused).toBeGreaterThan(1_000);
  });

  test("texts PostgreSQL cannot store and reserved keys send the manifest to zod (the body reader no longer walks it first)", () => {
    const manifest = buildManifest(2);
    const withShipment = (overrides: Record<string, unknown>) => ({ ...manifest, shipments: [manifest.shipments[0], { ...manifest.shipments[1], ...overrides }] });
    expect(fastManifest(manifest, MAX)).toBeDefined();
    for (const broken of [
      withShipment({ goodsDescription: "BANANAS\u0000" }),
      withShipment({ billOfLading: "BL\ud800" }),
      withShipment({ attributes: { remark: "late\u0000" } }),
      withShipment({ consignee: { name: "X\udc00", country: "BE" } }),
      withShipment({ sealNumbers: ["S1\u0000"] }),
      { ...manifest, vessel: { imo: "9074729", name: "MSC\u0000AURORA", voyage: "B1N" } },
      { ...manifest, carrier: { scac: "MSCU", name: "\ud800" } },
      { ...manifest, transshipmentPorts: ["PAMIT\u0000"] },
      { ...manifest, vessel: JSON.parse('{"imo":"9074729","name":"MSC AURORA","voyage":"B1N","__proto__":{"x":1}}') as unknown },
    ]) {
      expect(fastManifest(broken, MAX), JSON.stringify(broken).slice(0, 120)).toBeUndefined();
    }
  });

  test("cross-field rules and limits send the manifest to zod", () => {
    const manifest = buildManifest(5) as Record<string, unknown>;
    const shipment = (manifest.shipments as Record<string, unknown>[])[0]!;
    expect(fastManifest({ ...manifest, shipments: [shipment, shipment] }, MAX)).toBeUndefined();
    expect(fastManifest({ ...manifest, shipments: [] }, MAX)).toBeUndefined();
    expect(fastManifest({ ...manifest, shipments: [shipment, { ...shipment, billOfLading: "OTHER1" }] }, 1)).toBeUndefined();
    expect(fastManifest({ ...manifest, shipments: [{ ...shipment, netWeightKg: 10, grossWeightKg: 5 }] }, MAX)).toBeUndefined();
    expect(fastManifest({ ...manifest, departureDate: "2030-01-02", arrivalDate: "2030-01-01" }, MAX)).toBeUndefined();
    expect(fastManifest([manifest], MAX)).toBeUndefined();
  });
});
