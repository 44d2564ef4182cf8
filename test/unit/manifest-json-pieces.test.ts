// The ingest hashes and stages a manifest's canonical JSON a few shipments at a
// time (core/manifests/manifest-json-pieces.ts): the pieces must add up to the
// very text JSON.stringify writes, or duplicates and idempotent repeats of
// manifests stored before would no longer match their hash.
import { expect, test } from "vitest";
import { sha256 } from "../../core/manifests/content-hash.js";
import { hashManifestPieces, manifestJsonPieces } from "../../core/manifests/manifest-json-pieces.js";
import { manifestSchema, type ManifestInput } from "../../core/manifests/manifest-schema.js";
import { generateMegaVesselManifest } from "../../fixtures/generate-mega-vessel.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";

const parse = (body: unknown) => manifestSchema(20_000).parse(body);

test.each([1, 2, 47, 48, 49, 96, 97, 500])("%i shipments: the pieces are JSON.stringify's text, and the hash is that text's SHA-256", (n) => {
  const manifest = parse(buildManifest(n, { shipments: Array.from({ length: n }, (_, i) => buildShipment(i, { goodsDescription: `Café "crème" ${i} \\ ✓` })) }));
  expect([...manifestJsonPieces(manifest)].join("")).toBe(JSON.stringify(manifest));
  expect(hashManifestPieces(manifest)).toBe(sha256(JSON.stringify(manifest)));
});

test("a mega-vessel's manifest in pieces of any size, each handed to the sink in order", () => {
  const manifest = parse(generateMegaVesselManifest(3, 1_000));
  for (const size of [1, 7, 48, 1_000, 5_000]) expect([...manifestJsonPieces(manifest, size)].join("")).toBe(JSON.stringify(manifest));
  const sunk: Buffer[] = [];
  expect(hashManifestPieces(manifest, (bytes) => sunk.push(bytes))).toBe(sha256(JSON.stringify(manifest)));
  expect(Buffer.concat(sunk).toString("utf8")).toBe(JSON.stringify(manifest));
});

test("fields JSON.stringify leaves out are left out, and fields after the shipments come after them", () => {
  const base = parse(buildManifest(3));
  const { shipments, ...voyage } = base;
  // Key order as an object built by hand might have it: shipments first, an undefined field, one after.
  const reordered = { shipments, vessel: undefined, ...voyage } as unknown as ManifestInput;
  expect([...manifestJsonPieces(reordered)].join("")).toBe(JSON.stringify(reordered));
  const onlyShipments = { shipments } as unknown as ManifestInput;
  expect([...manifestJsonPieces(onlyShipments)].join("")).toBe(JSON.stringify(onlyShipments));
});
