import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest, buildShipment, containerNumber } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const example = JSON.parse(readFileSync(new URL("../../fixtures/contract/manifest.example.json", import.meta.url), "utf8")) as Record<string, unknown>;

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;

beforeAll(async () => {
  services = createTestServices({ MANIFEST_MAX_SHIPMENTS: "50", MANIFEST_BODY_LIMIT: "200kb" });
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

const post = (body: unknown, unitCode = unit.code) =>
  request(app).post(`/v1/units/${unitCode}/manifests`).set(bearer(officer)).send(body as object);
const postRaw = (body: string) =>
  request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).set("Content-Type", "application/json").send(body);

async function countRows(manifestId: string) {
  const result = await services.pool.query<{ shipments: number; pending: number }>(
    `SELECT count(*)::int AS shipments, count(*) FILTER (WHERE st.status = 'pending')::int AS pending
       FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id WHERE s.manifest_id = $1`,
    [manifestId],
  );
  return result.rows[0]!;
}

describe("POST /v1/units/{unitCode}/manifests", () => {
  test("accepts the published example manifest and stores every shipment with its pending outbox state", async () => {
    const res = await post({ ...example, manifestRef: `EX-${Date.now()}` });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ shipmentCount: 3, status: "accepted", unitCode: unit.code });
    expect(res.headers.location).toBe(`/v1/units/${unit.code}/manifests/${res.body.manifestId}`);
    expect(await countRows(res.body.manifestId as string)).toEqual({ shipments: 3, pending: 3 });
    const stored = await services.prisma.shipment.findFirstOrThrow({ where: { manifestId: res.body.manifestId as string, lineNo: 2 } });
    // bookingDate and stuffingLocation sent inside attributes are lifted to their columns and kept as sent.
    expect(stored.bookingDate?.toISOString().slice(0, 10)).toBe("2026-11-17");
    expect(stored.stuffingLocation).toBe("Machala EC");
    expect(stored.attributes).toEqual({ bookingDate: "2026-11-17", stuffingLocation: "Machala EC" });
  });

  test("links the same party across manifests", async () => {
    const a = await post(buildManifest(2));
    const b = await post(buildManifest(2));
    expect([a.status, b.status]).toEqual([202, 202]);
    const parties = await services.pool.query<{ n: number }>(
      `SELECT count(DISTINCT consignee_id)::int AS n FROM shipment WHERE manifest_id = ANY($1::uuid[]) AND line_no = 0`,
      [[a.body.manifestId, b.body.manifestId]],
    );
    expect(parties.rows[0]!.n).toBe(1);
  });

  test("answers 404 for an unknown unit and stores nothing", async () => {
    const manifest = buildManifest(1);
    const res = await post(manifest, "ZZZZZ-NOPE");
    expect(res.status).toBe(404);
    expect(res.body.error).toBe("not_found");
    const found = await services.prisma.manifest.count({ where: { manifestRef: manifest.manifestRef as string } });
    expect(found).toBe(0);
  });

  const badShipments: [string, Record<string, unknown>, string, RegExp][] = [
    ["a wrong ISO 6346 check digit", { containerNumber: "CSQU3054384" }, "shipments[1].containerNumber", /check digit should be 3/],
    ["a malformed container number", { containerNumber: "CSQ3054383" }, "shipments[1].containerNumber", /owner code|letters|format/i],
    ["an unknown HS chapter", { hsCodes: ["770000"] }, "shipments[1].hsCodes[0]", /./],
    ["a non-numeric HS code", { hsCodes: ["08O390"] }, "shipments[1].hsCodes[0]", /digit/i],
    ["an unknown origin country", { countryOfOrigin: "XX" }, "shipments[1].countryOfOrigin", /ISO 3166/],
    ["an unknown currency", { declaredValue: { amount: 10, currency: "USX" } }, "shipments[1].declaredValue.currency", /ISO 4217/],
    ["a negative weight", { grossWeightKg: -5 }, "shipments[1].grossWeightKg", /negative/],
    ["a string where a number belongs", { packages: "449" }, "shipments[1].packages", /number/],
    ["an unknown field", { colour: "red" }, "shipments[1].colour", /unknown field/],
    ["net weight above gross", { grossWeightKg: 100, netWeightKg: 200 }, "shipments[1].netWeightKg", /grossWeightKg/],
    ["a bad freight term", { freightTerms: "cash" }, "shipments[1].freightTerms", /prepaid|collect/],
    ["a reserved attribute name", { attributes: JSON.parse('{"__proto__": "x"}') as object }, "shipments[1].attributes", /reserved|./],
  ];
  test.each(badShipments)("rejects %s with the exact field path", async (_name, override, path, message) => {
    const manifest = buildManifest(3);
    manifest.shipments[1] = { ...manifest.shipments[1], ...override };
    const res = await post(manifest);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("validation_failed");
    const error = (res.body.errors as { path: string; message: string }[]).find((e) => e.path.startsWith(path));
    expect(error, JSON.stringify(res.body.errors)).toBeDefined();
    expect(error!.message).toMatch(message);
    expect(await services.prisma.manifest.count({ where: { manifestRef: manifest.manifestRef as string } })).toBe(0);
  });

  const badVoyages: [string, Record<string, unknown>, string, RegExp][] = [
    ["a wrong IMO check digit", { vessel: { imo: "9074728", name: "MSC AURORA" } }, "vessel.imo", /check digit/i],
    ["an unknown UN/LOCODE country", { portOfLoading: "XXGYE" }, "portOfLoading", /./],
    ["a malformed UN/LOCODE", { portOfDischarge: "BE-ANR" }, "portOfDischarge", /./],
    ["arrival before departure", { departureDate: "2026-12-20" }, "arrivalDate", /departureDate/],
    ["a date that is not a date", { arrivalDate: "08/12/2026" }, "arrivalDate", /YYYY-MM-DD/],
    ["a missing manifestRef", { manifestRef: undefined }, "manifestRef", /./],
    ["no shipments", { shipments: [] }, "shipments", /at least one/],
    ["a sea manifest without vessel", { vessel: undefined }, "vessel", /required/],
  ];
  test.each(badVoyages)("rejects %s at voyage level", async (_name, override, path, message) => {
    const res = await post({ ...buildManifest(1), ...override });
    expect(res.status).toBe(400);
    const error = (res.body.errors as { path: string; message: string }[]).find((e) => e.path === path);
    expect(error, JSON.stringify(res.body.errors)).toBeDefined();
    expect(error!.message).toMatch(message);
  });

  test("rejects the same bill of lading and container twice in one manifest", async () => {
    const manifest = buildManifest(3);
    manifest.shipments[2] = { ...manifest.shipments[0] };
    const res = await post(manifest);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path: "shipments[2].containerNumber", message: "same bill of lading, house bill and container as shipments[0]" });
  });

  test("reports every bad shipment, with the total, and caps the list", async () => {
    const manifest = buildManifest(50);
    manifest.shipments = manifest.shipments.map((s) => ({ ...s, countryOfOrigin: "QQ", hsCodes: ["ABC"], packages: -1, grossWeightKg: "x", declaredValue: { amount: -1, currency: "ZZZ" } }));
    const res = await post(manifest);
    expect(res.status).toBe(400);
    expect(res.body.errorCount).toBeGreaterThan(200);
    expect(res.body.errors).toHaveLength(200);
    expect(res.body.truncated).toBe(true);
  });

  test("refuses more shipments than the configured maximum", async () => {
    const res = await post(buildManifest(51));
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path: "shipments", message: "at most 50 shipments per manifest" });
  });

  test("answers 413 with the limit for an oversized body", async () => {
    const manifest = buildManifest(1);
    manifest.shipments[0] = { ...manifest.shipments[0], goodsDescription: "X".repeat(300 * 1024) };
    const res = await post(manifest);
    expect(res.status).toBe(413);
    expect(res.body.error).toBe("payload_too_large");
    expect(res.body.message).toMatch(/at most 204800 bytes/);
  });

  test("answers 400 naming the body for malformed JSON, arrays and empty bodies", async () => {
    const malformed = await postRaw('{"manifestRef": "A",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe("body");
    const array = await post([buildManifest(1)]);
    expect(array.status).toBe(400);
    expect(array.body.errors[0].path).toBe("body");
    const empty = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer));
    expect(empty.status).toBe(400);
  });

  test("__proto__ and constructor keys pollute nothing and are refused", async () => {
    const body = `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, ${JSON.stringify(buildManifest(1)).slice(1)}`;
    const res = await postRaw(body);
    expect(res.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["constructor"]));
  });

  test("injection-shaped text is stored verbatim, not executed", async () => {
    const manifest = buildManifest(1);
    manifest.shipments[0] = buildShipment(0, { goodsDescription: "BANANAS'); DROP TABLE shipment; --", consignee: { name: "X\tY\\N\nZ" } });
    const res = await post(manifest);
    expect(res.status).toBe(202);
    const stored = await services.prisma.shipment.findFirstOrThrow({ where: { manifestId: res.body.manifestId as string } });
    expect(stored.goodsDescription).toBe("BANANAS'); DROP TABLE shipment; --");
    expect(stored.consigneeName).toBe("X\tY\\N\nZ");
  });
});

describe("re-sent manifests", () => {
  test("the same manifestRef without a key creates nothing new; different content is a conflict", async () => {
    const manifest = buildManifest(4);
    const first = await post(manifest);
    const again = await post(manifest);
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ manifestId: first.body.manifestId, status: "duplicate", shipmentCount: 4 });
    expect(await countRows(first.body.manifestId as string)).toEqual({ shipments: 4, pending: 4 });
    const changed = await post({ ...manifest, arrivalDate: "2026-12-09" });
    expect(changed.status).toBe(409);
    expect(changed.body.errors[0].path).toBe("manifestRef");
  });

  test("Idempotency-Key returns the first answer; the same key with another body is 409", async () => {
    const manifest = buildManifest(2);
    const key = `key-${Date.now()}-a`;
    const first = await post(manifest).set("Idempotency-Key", key);
    const replay = await post(manifest).set("Idempotency-Key", key);
    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(first.body);
    const other = await post(buildManifest(2)).set("Idempotency-Key", key);
    expect(other.status).toBe(409);
    expect(other.body.errors[0].path).toBe("headers.idempotency-key");
  });

  test("parallel replays with one key store one manifest and all get the same answer", async () => {
    const manifest = buildManifest(20);
    const key = `key-${Date.now()}-parallel`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(manifest).set("Idempotency-Key", key)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202]));
    expect(new Set(answers.map((a) => a.body.manifestId as string)).size).toBe(1);
    expect(await countRows(answers[0]!.body.manifestId as string)).toEqual({ shipments: 20, pending: 20 });
  });

  test("parallel re-sends without a key store the manifest once", async () => {
    const manifest = buildManifest(20);
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(manifest)));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(7);
    expect(new Set(answers.map((a) => a.body.manifestId as string)).size).toBe(1);
  });

  test("a bad Idempotency-Key is refused with its header named", async () => {
    const res = await post(buildManifest(1)).set("Idempotency-Key", "short");
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("headers.idempotency-key");
  });

  test("a rejected manifest loses nothing already accepted", async () => {
    const manifest = buildManifest(3);
    const accepted = await post(manifest);
    const bad = buildManifest(3, { manifestRef: manifest.manifestRef });
    const valid = containerNumber("MSC", 1);
    bad.shipments[0] = { ...bad.shipments[0], containerNumber: valid.slice(0, 10) + String((Number(valid[10]) + 1) % 10) };
    expect((await post(bad)).status).toBe(400);
    expect(await countRows(accepted.body.manifestId as string)).toEqual({ shipments: 3, pending: 3 });
  });
});

describe("content identity", () => {
  test("the same manifest with keys in another order is the same content", async () => {
    const manifest = buildManifest(2);
    manifest.shipments[0] = { ...manifest.shipments[0], attributes: { officeId: "30", bookingRef: "BK1" } };
    const first = await post(manifest);
    const reordered = Object.fromEntries(Object.entries(manifest).reverse());
    (reordered.shipments as Record<string, unknown>[])[0] = {
      ...Object.fromEntries(Object.entries(manifest.shipments[0]).reverse()),
      attributes: { bookingRef: "BK1", officeId: "30" },
    };
    const again = await post(reordered);
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ manifestId: first.body.manifestId, status: "duplicate" });
  });
});

describe("the queue", () => {
  test("cursor pagination walks every shipment once, ties broken by id", async () => {
    const posted = await post(buildManifest(25));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const res = await request(app)
        .get(`/v1/units/${unit.code}/shipments`)
        .set(bearer(officer))
        .query({ manifestId: posted.body.manifestId as string, limit: 7, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((item: { id: string }) => item.id));
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const bad = await request(app).get(`/v1/units/${unit.code}/shipments`).set(bearer(officer)).query({ cursor: "not-a-cursor" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("query.cursor");
  });
});
