// The manifest route reads bodies of a megabyte or more into kept buffers
// (api/middleware/large-json-body.ts, core/kept-buffers.ts) and decodes ASCII
// ones as latin1: what it stores must be exactly what was sent, whatever the
// text, with requests in parallel, after a refused or abandoned body, and with
// the same answers express.json gave for everything it refuses.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let server: Server;
let base: string;
let unit: TestUnit;
let officer: TestUser;

beforeAll(async () => {
  services = createTestServices({ MANIFEST_MAX_SHIPMENTS: "2000", MANIFEST_BODY_LIMIT: "3mb" });
  server = createApp(services).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/units`;
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await services.dispose();
});

/** A manifest of about 1.3 MB (over the 1 MB from which kept buffers are used), each description tagged with `tag` (trimmed, as stored). */
function largeManifest(tag: string) {
  const filler = `${tag} `.repeat(Math.ceil(1_900 / (tag.length + 1))).slice(0, 1_900);
  return buildManifest(650, { shipments: Array.from({ length: 650 }, (_, i) => buildShipment(i, { goodsDescription: `${i} ${filler}`.slice(0, 2_000).trim() })) });
}

const post = (body: Buffer | string, headers: Record<string, string> = {}) =>
  fetch(`${base}/${unit.code}/manifests`, { method: "POST", headers: { ...bearer(officer), "Content-Type": "application/json", ...headers }, body });

async function storedDescriptions(manifestId: string): Promise<string[]> {
  const rows = await services.pool.query<{ goods_description: string }>("SELECT goods_description FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId]);
  return rows.rows.map((row) => row.goods_description);
}

const descriptions = (manifest: ReturnType<typeof largeManifest>) => manifest.shipments.map((shipment) => shipment.goodsDescription as string);

describe("large manifest bodies", () => {
  test("bodies sent in parallel, ASCII and not, are each stored exactly as sent", async () => {
    const manifests = [largeManifest("COTTON TEE SHIRTS"), largeManifest("Café crème brûlée 貨物 ✓"), largeManifest("FROZEN SHRIMP"), largeManifest("Ñandú piñata €")];
    const bodies = manifests.map((manifest) => JSON.stringify(manifest));
    expect(Buffer.byteLength(bodies[0]!)).toBeGreaterThan(1024 * 1024);
    const answers = await Promise.all(bodies.map((body) => post(body)));
    const results = (await Promise.all(answers.map((answer) => answer.json()))) as { manifestId: string; shipmentCount: number }[];
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202]);
    for (const [i, result] of results.entries()) {
      expect(result.shipmentCount).toBe(650);
      expect(await storedDescriptions(result.manifestId)).toEqual(descriptions(manifests[i]!));
    }
  });

  test("a UTF-8 byte order mark is dropped, as express.json drops it", async () => {
    const manifest = largeManifest("Ünïcödé");
    const res = await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(manifest))]));
    expect(res.status).toBe(202);
    expect(await storedDescriptions(((await res.json()) as { manifestId: string }).manifestId)).toEqual(descriptions(manifest));
  });

  test("refused bodies get express.json's answers, and the next body is read whole", async () => {
    const valid = JSON.stringify(largeManifest("BANANAS"));
    const invalidUtf8 = Buffer.from(valid);
    invalidUtf8[invalidUtf8.length - 40] = 0xff;
    const notUtf8 = await post(invalidUtf8);
    expect(notUtf8.status).toBe(400);
    expect(await notUtf8.json()).toMatchObject({ error: "validation_failed", errors: [{ path: "body", message: expect.stringMatching(/UTF-8/) as unknown }] });

    const truncated = await post(valid.slice(0, -10));
    expect(truncated.status).toBe(400);
    expect(await truncated.json()).toMatchObject({ errors: [{ path: "body", message: expect.stringMatching(/^malformed JSON/) as unknown }] });

    const notAnObject = await post(`  ${JSON.stringify("X".repeat(1_200_000))}`);
    expect(notAnObject.status).toBe(400);
    expect(await notAnObject.json()).toMatchObject({ errors: [{ path: "body", message: expect.stringMatching(/^malformed JSON/) as unknown }] });

    const tooLarge = await post(JSON.stringify(largeManifest("X".repeat(40))).padEnd(3 * 1024 * 1024 + 1, " "));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: "payload_too_large", message: expect.stringMatching(/at most 3145728 bytes/) as unknown });

    const after = await post(valid);
    expect(after.status).toBe(202);
    expect(await storedDescriptions(((await after.json()) as { manifestId: string }).manifestId)).toEqual(descriptions(JSON.parse(valid) as ReturnType<typeof largeManifest>));
  });

  test("a body sent without Content-Length (chunked) is read as before", async () => {
    const manifest = largeManifest("CHUNKED");
    const bytes = Buffer.from(JSON.stringify(manifest));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 100_000) controller.enqueue(bytes.subarray(at, at + 100_000));
        controller.close();
      },
    });
    const res = await fetch(`${base}/${unit.code}/manifests`, { method: "POST", headers: { ...bearer(officer), "Content-Type": "application/json" }, body: stream, duplex: "half" });
    expect(res.status).toBe(202);
    expect(await storedDescriptions(((await res.json()) as { manifestId: string }).manifestId)).toEqual(descriptions(manifest));
  });

  test("a client that announces a large body and sends a few bytes costs a few bytes, not what it announced", async () => {
    const { port } = server.address() as AddressInfo;
    const before = process.memoryUsage().arrayBuffers;
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: `/v1/units/${unit.code}/manifests`, headers: { ...bearer(officer), "Content-Type": "application/json", "Content-Length": "3000000" } });
    req.on("error", () => undefined);
    req.write('{"manifestRef":');
    // Past the guard and rate limit (database and Redis round trips), into the body reader.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const during = process.memoryUsage().arrayBuffers;
    req.destroy();
    expect(during - before).toBeLessThan(1_000_000);
  });

  test("a client that stops halfway stores nothing, and the next body is read whole", async () => {
    const abandoned = largeManifest("ABANDONED");
    const bytes = Buffer.from(JSON.stringify(abandoned));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: `/v1/units/${unit.code}/manifests`, headers: { ...bearer(officer), "Content-Type": "application/json", "Content-Length": String(bytes.length) } });
      req.on("error", () => resolve());
      req.on("close", () => resolve());
      req.write(bytes.subarray(0, bytes.length >> 1), () => setTimeout(() => req.destroy(), 100));
    });
    const stored = await services.pool.query("SELECT 1 FROM manifest WHERE manifest_ref = $1", [abandoned.manifestRef]);
    expect(stored.rowCount).toBe(0);
    const next = largeManifest("NEXT");
    const res = await post(JSON.stringify(next));
    expect(res.status).toBe(202);
    expect(await storedDescriptions(((await res.json()) as { manifestId: string }).manifestId)).toEqual(descriptions(next));
  });
});
