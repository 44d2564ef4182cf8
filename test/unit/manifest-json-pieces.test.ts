// The ingest hashes and stages a manifest's canonical JSON a few shipments at a
// time, written into kept buffers (core/manifests/manifest-json-pieces.ts):
// the bytes must be the very text JSON.stringify writes, or duplicates and
// idempotent repeats of manifests stored before would no longer match their
// hash, and the bytes handed to the compressor must stay as they are until it
// has read them, while the next pieces are written.
import { expect, test } from "vitest";
import { sha256 } from "../../core/manifests/content-hash.js";
import { hashManifestJson } from "../../core/manifests/manifest-json-pieces.js";
import { manifestSchema, type ManifestInput } from "../../core/manifests/manifest-schema.js";
import type { PayloadCompressor } from "../../core/manifests/staged-payload.js";
import { takeBuffer, giveBack } from "../../core/kept-buffers.js";
import { generateMegaVesselManifest } from "../../fixtures/generate-mega-vessel.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";

const parse = (body: unknown) => manifestSchema(20_000).parse(body);

/** A sink that keeps the views it is handed (not copies) and settles when told: what the compressor sees. */
function viewingSink() {
  const views: Buffer[] = [];
  let settle = () => undefined as void;
  const payload = new Promise<Buffer>((resolve) => (settle = () => resolve(Buffer.alloc(0))));
  let ended = false;
  const sink: PayloadCompressor = { write: (bytes) => views.push(bytes), end: () => (ended = true), payload };
  return { sink, views, settle, ended: () => ended };
}

test.each([1, 2, 47, 48, 49, 96, 97, 500])("%i shipments: the hash is the SHA-256 of JSON.stringify's text", (n) => {
  const manifest = parse(buildManifest(n, { shipments: Array.from({ length: n }, (_, i) => buildShipment(i, { goodsDescription: `Café "crème" ${i} \\ ✓` })) }));
  expect(hashManifestJson(manifest)).toBe(sha256(JSON.stringify(manifest)));
});

test("a mega-vessel's manifest in pieces of any size: the sink is handed exactly the text, in order, and ended", async () => {
  const manifest = parse(generateMegaVesselManifest(3, 1_000));
  for (const size of [1, 7, 48, 1_000, 5_000]) {
    const { sink, views, settle, ended } = viewingSink();
    expect(hashManifestJson(manifest, sink, size)).toBe(sha256(JSON.stringify(manifest)));
    expect(ended()).toBe(true);
    // Views, read only now: a piece written over an earlier one's bytes would show here.
    expect(Buffer.concat(views).toString("utf8")).toBe(JSON.stringify(manifest));
    settle();
    await sink.payload;
  }
});

test("shipments far larger than usual: the text moves to a larger buffer and stays whole, non-ASCII included", () => {
  const long = "Ünïcödé 貨物 ✓ ".repeat(150);
  const manifest = parse(buildManifest(300, { shipments: Array.from({ length: 300 }, (_, i) => buildShipment(i, { goodsDescription: `${i} ${long}`.slice(0, 2_000) })) }));
  const { sink, views, settle } = viewingSink();
  expect(hashManifestJson(manifest, sink)).toBe(sha256(JSON.stringify(manifest)));
  expect(new Set(views.map((view) => view.buffer)).size).toBeGreaterThan(1);
  expect(Buffer.concat(views).toString("utf8")).toBe(JSON.stringify(manifest));
  settle();
});

test("the buffers are not handed to anyone else until the sink's payload settles, then they are kept for reuse", async () => {
  const manifest = parse(generateMegaVesselManifest(5, 2_000));
  const { sink, views, settle } = viewingSink();
  hashManifestJson(manifest, sink);
  const written = new Set(views.map((view) => view.buffer));
  const meanwhile = takeBuffer(views[0]!.buffer.byteLength);
  expect(written.has(meanwhile.buffer)).toBe(false);
  expect(Buffer.concat(views).toString("utf8")).toBe(JSON.stringify(manifest));
  settle();
  await sink.payload;
  await new Promise((resolve) => setImmediate(resolve));
  const after = takeBuffer(views[0]!.buffer.byteLength);
  expect(written.has(after.buffer)).toBe(true);
  giveBack(after);
  giveBack(meanwhile);
});

test("fields JSON.stringify leaves out are left out, and fields after the shipments come after them", () => {
  const base = parse(buildManifest(3));
  const { shipments, ...voyage } = base;
  // Key order as an object built by hand might have it: shipments first, an undefined field, one after.
  const reordered = { shipments, vessel: undefined, ...voyage } as unknown as ManifestInput;
  const { sink, views } = viewingSink();
  expect(hashManifestJson(reordered, sink)).toBe(sha256(JSON.stringify(reordered)));
  expect(Buffer.concat(views).toString("utf8")).toBe(JSON.stringify(reordered));
  const onlyShipments = { shipments } as unknown as ManifestInput;
  expect(hashManifestJson(onlyShipments)).toBe(sha256(JSON.stringify(onlyShipments)));
});
