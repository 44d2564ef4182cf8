// The canonical JSON of a parsed manifest (JSON.stringify of it: content-hash.ts)
// in pieces of a few dozen shipments, for the ingest's hash and staged payload.
// Encoding the whole 15 MB text of a 15,000-container manifest made two fresh
// blocks of that size (the string, then its UTF-8 bytes), and on this kind of
// virtual machine a page touched for the first time costs some 10-15 us: about
// 7,000 faults and 85 ms for the bytes alone. Pieces of 64 KB or so are
// allocated from, and returned to, memory the process already has.
import { createHash } from "node:crypto";
import type { ManifestInput } from "./manifest-schema.js";

/** Shipments per piece: about 1 kB each in a typical manifest, so pieces stay well under glibc's 128 kB mmap threshold. */
export const SHIPMENTS_PER_PIECE = 48;

/** `"key":value` of one of the manifest's own fields as JSON.stringify writes it, or undefined when it omits it. */
function member(key: string, value: unknown): string | undefined {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? undefined : `${JSON.stringify(key)}:${json}`;
}

/**
 * The pieces whose concatenation is exactly `JSON.stringify(manifest)`: the voyage fields before the shipments,
 * the shipments a few at a time, the fields after them (test/unit/manifest-json-pieces.test.ts).
 */
export function* manifestJsonPieces(manifest: ManifestInput, perPiece = SHIPMENTS_PER_PIECE): Generator<string> {
  const before: string[] = [];
  const after: string[] = [];
  let seen = false;
  for (const key of Object.keys(manifest)) {
    if (key === "shipments") {
      seen = true;
      continue;
    }
    const written = member(key, (manifest as unknown as Record<string, unknown>)[key]);
    if (written !== undefined) (seen ? after : before).push(written);
  }
  yield `{${before.length > 0 ? `${before.join(",")},` : ""}"shipments":[`;
  const { shipments } = manifest;
  for (let from = 0; from < shipments.length; from += perPiece) {
    const text = JSON.stringify(shipments.slice(from, from + perPiece));
    // The slice's own brackets dropped; a comma joins it to the piece before.
    yield `${from > 0 ? "," : ""}${text.slice(1, -1)}`;
  }
  yield `]${after.length > 0 ? `,${after.join(",")}` : ""}}`;
}

/** SHA-256 of the canonical JSON (content-hash.ts parsedManifestHash), with each piece of its UTF-8 bytes also handed to `sink`. */
export function hashManifestPieces(manifest: ManifestInput, sink?: (bytes: Buffer) => void): string {
  const hash = createHash("sha256");
  for (const piece of manifestJsonPieces(manifest)) {
    const bytes = Buffer.from(piece, "utf8");
    hash.update(bytes);
    sink?.(bytes);
  }
  return hash.digest("hex");
}
