// Each cause of a 500 the attack campaign found (issue 14, finding 2 and the
// second half of 8) answers 400 naming the field or header, and writes nothing.
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { MAX_INPUT_DEPTH } from "../../api/validation.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let manager: TestUser;
let analyst: TestUser;

beforeAll(async () => {
  services = createTestServices({ INGEST_RATE_LIMIT: "10000" });
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  manager = await createTestUser(services, [{ role: "manager", unitCode: unit.code }]);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

const manifests = async () => (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM manifest WHERE unit_id = $1", [unit.id])).rows[0]!.n;

/** Posts a raw body to the manifest route and checks nothing was stored. */
async function postRaw(body: string | Buffer, headers: Record<string, string> = {}) {
  const before = await manifests();
  const res = await request(app)
    .post(`/v1/units/${unit.code}/manifests`)
    .set(bearer(officer))
    .set({ "Content-Type": "application/json", ...headers })
    .send(body);
  expect(await manifests()).toBe(before);
  return res;
}

/** supertest sends a Buffer as the JSON of its bytes: raw bytes go through a real socket. */
async function postBytes(body: Buffer, headers: Record<string, string> = {}): Promise<Response> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await fetch(`http://127.0.0.1:${port}/v1/units/${unit.code}/manifests`, {
      method: "POST",
      headers: { ...bearer(officer), "Content-Type": "application/json", ...headers },
      body,
    });
  } finally {
    server.close();
  }
}

const pathsOf = (res: request.Response) => (res.body.errors as { path: string; message: string }[] | undefined)?.map((e) => e.path) ?? [];

describe("no 500 from hostile input", () => {
  test("JSON nested 100,000 levels deep is a 400 naming the depth, on every body reader", async () => {
    const deep = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const res = await postRaw(deep);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(`nested deeper than ${MAX_INPUT_DEPTH} levels`);
    const small = await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(officer)).set("Content-Type", "application/json").send(`${"[".repeat(50_000)}${"]".repeat(50_000)}`);
    expect(small.status).toBe(400);
    expect(small.body.errors[0].message).toMatch(/nested deeper than/);
  });

  test("a NUL character in a text field, a query parameter or a path is a 400 naming it", async () => {
    const manifest = buildManifest(2);
    manifest.shipments[1] = buildShipment(1, { goodsDescription: "BANANAS\u0000" });
    const body = await postRaw(JSON.stringify(manifest));
    expect(body.status).toBe(400);
    expect(pathsOf(body)).toEqual(["shipments[1].goodsDescription"]);
    expect(body.body.errors[0].message).toMatch(/NUL/);

    const query = await request(app).get(`/v1/units/${unit.code}/shipments?party=ACME%00X`).set(bearer(officer));
    expect(query.status).toBe(400);
    expect(pathsOf(query)).toEqual(["query.party"]);

    const path = await request(app).get(`/v1/units/${unit.code}/manifests/abc%00def`).set(bearer(officer));
    expect(path.status).toBe(400);
    expect(pathsOf(path)).toEqual(["path"]);
    const badEscape = await request(app).get(`/v1/units/${unit.code}/manifests/%E0%A4%A`).set(bearer(officer));
    expect(badEscape.status).toBe(400);
  });

  test.each(["0000-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])("the date %s is refused in a manifest and in a query", async (date) => {
    const res = await postRaw(JSON.stringify(buildManifest(1, { arrivalDate: date })));
    expect(res.status).toBe(400);
    expect(new Set(pathsOf(res))).toEqual(new Set(["arrivalDate"]));
    const filed = await postRaw(JSON.stringify(buildManifest(1, { manifestFiledAt: `${date}T10:00:00Z` })));
    expect(filed.status).toBe(400);
    expect(pathsOf(filed)).toEqual(["manifestFiledAt"]);
    const query = await request(app).get(`/v1/units/${unit.code}/shipments?arrivalFrom=${date}`).set(bearer(officer));
    expect(query.status, JSON.stringify(query.body)).toBe(400);
    expect(pathsOf(query)).toEqual(["query.arrivalFrom"]);
    const summary = await request(app).get(`/v1/summaries/seizures?from=${date}`).set(bearer(manager));
    expect(summary.status, JSON.stringify(summary.body)).toBe(400);
    expect(pathsOf(summary)).toEqual(["query.from"]);
    const listed = await request(app).post(`/v1/units/${unit.code}/watchlists`).set(bearer(analyst)).send({ code: `DATES-${date.slice(0, 4)}`, name: "dates", kind: "party" });
    expect(listed.status, JSON.stringify(listed.body)).toBe(201);
    const entry = await request(app)
      .post(`/v1/units/${unit.code}/watchlists/DATES-${date.slice(0, 4)}/entries`)
      .set(bearer(analyst))
      .send({ entries: [{ value: "ACME", expiresAt: date }] });
    expect(entry.status, JSON.stringify(entry.body)).toBe(400);
    expect(pathsOf(entry)).toEqual(["entries[0].expiresAt"]);
  });

  test("a cursor whose id has the shape but is not a UUID is a 400 naming the cursor", async () => {
    const fake = Buffer.from(JSON.stringify([10, "------------------------------------"])).toString("base64url");
    const res = await request(app).get(`/v1/units/${unit.code}/shipments?cursor=${fake}`).set(bearer(officer));
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toEqual(["query.cursor"]);
    const hexOnly = Buffer.from(JSON.stringify([10, "0123456789abcdef0123456789abcdef0123"])).toString("base64url");
    const second = await request(app).get(`/v1/units/${unit.code}/shipments?cursor=${hexOnly}`).set(bearer(officer));
    expect(second.status).toBe(400);
  });

  test("Content-Encoding that does not match the body, or is unknown, is a 400 naming the header", async () => {
    for (const encoding of ["gzip", "deflate", "br"]) {
      const res = await postRaw(JSON.stringify(buildManifest(1)), { "Content-Encoding": encoding });
      expect(res.status, encoding).toBe(400);
      expect(pathsOf(res)).toEqual(["headers.content-encoding"]);
    }
    const unknown = await postRaw(JSON.stringify(buildManifest(1)), { "Content-Encoding": "compress" });
    expect(unknown.status).toBe(400);
    expect(pathsOf(unknown)).toEqual(["headers.content-encoding"]);
    // A body that really is gzip is read as usual.
    const real = await postBytes(gzipSync(JSON.stringify(buildManifest(1))), { "Content-Encoding": "gzip" });
    expect(real.status).toBe(202);
  });

  test("the manifest route's fast path walks nothing itself: a NUL, a lone surrogate or a reserved key anywhere is still a 400 naming it", async () => {
    const before = await manifests();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [buildManifest(2, { vessel: { imo: "9074729", name: "MSC\u0000AURORA", voyage: "B1N" } }), "vessel.name", /NUL/],
      [buildManifest(2, { carrier: { scac: "MSCU", name: "Mediterranean \ud800Shipping" } }), "carrier.name", /surrogate/],
      [buildManifest(2, { vessel: { imo: "9074729", name: "MSC AURORA", voyage: "B1N", constructor: "x" } }), "vessel.constructor", /reserved/],
    ];
    const withShipment = (overrides: Record<string, unknown>) => buildManifest(2, { shipments: [buildShipment(0), buildShipment(1, overrides)] });
    cases.push(
      [withShipment({ attributes: { remark: "late\u0000" } }), "shipments[1].attributes.remark", /NUL/],
      [withShipment({ consignee: { name: "TRADE \udc00IMPORT BV", country: "BE" } }), "shipments[1].consignee.name", /surrogate/],
      [withShipment({ sealNumbers: ["S1\u0000"] }), "shipments[1].sealNumbers[0]", /NUL/],
    );
    for (const [manifest, path, message] of cases) {
      // JSON.stringify writes the NUL and the lone surrogates as \u escapes, as a client would send them.
      const res = await postRaw(JSON.stringify(manifest));
      expect(res.status, path).toBe(400);
      expect(pathsOf(res), path).toContain(path);
      expect(res.body.errors.find((e: { path: string }) => e.path === path).message, path).toMatch(message);
    }
    // The first shipment's first key: JSON.parse makes it an own key, which zod would drop silently.
    const proto = await postRaw(JSON.stringify(withShipment({})).replace('"billOfLading"', '"__proto__":{"x":1},"billOfLading"'));
    expect(proto.status).toBe(400);
    expect(pathsOf(proto)).toContain("shipments[0].__proto__");
    expect(await manifests()).toBe(before);
  });

  test("invalid UTF-8 and lone surrogates are refused, not stored as U+FFFD", async () => {
    const json = JSON.stringify(buildManifest(1));
    const at = json.indexOf("FRESH BANANAS");
    const invalid = Buffer.concat([Buffer.from(json.slice(0, at)), Buffer.from([0xc3, 0x28]), Buffer.from(json.slice(at))]);
    const before = await manifests();
    const res = await postBytes(invalid);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/UTF-8/);
    expect(await manifests()).toBe(before);
    const lone = await postRaw(json.replace("FRESH BANANAS", "FRESH \\ud800BANANAS"));
    expect(lone.status).toBe(400);
    expect(pathsOf(lone)).toEqual(["shipments[0].goodsDescription"]);
    expect(lone.body.errors[0].message).toMatch(/surrogate/);
  });
});
