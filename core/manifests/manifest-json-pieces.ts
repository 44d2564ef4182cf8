// The canonical JSON of a parsed manifest (JSON.stringify of it: content-hash.ts)
// written a few dozen shipments at a time, for the ingest's hash and staged
// payload. Encoding the whole 15 MB text of a 15,000-container manifest made
// two fresh blocks of that size (the string, then its UTF-8 bytes), and on
// this kind of virtual machine a page touched for the first time costs some
// 10-15 us: about 7,000 faults and 85 ms for the bytes alone. Each piece's
// text is written straight into one kept buffer (core/kept-buffers.ts), where
// the body of the request was read a moment before: memory already touched.
import { createHash } from "node:crypto";
import { giveBack, takeBuffer } from "../kept-buffers.js";
import type { ManifestInput } from "./manifest-schema.js";
import type { PayloadCompressor } from "./staged-payload.js";

/** Shipments per piece: about 1 kB each in a typical manifest. */
export const SHIPMENTS_PER_PIECE = 48;

/** Bytes kept ready per shipment when the buffer is taken: a typical manifest's canonical JSON, so it rarely grows. */
const BYTES_PER_SHIPMENT = 1_100;

/** `"key":value` of one of the manifest's own fields as JSON.stringify writes it, or undefined when it omits it. */
function member(key: string, value: unknown): string | undefined {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? undefined : `${JSON.stringify(key)}:${json}`;
}

/** The text before the shipments' `[` and after their `]`, as JSON.stringify orders the manifest's own fields. */
function voyageTexts(manifest: ManifestInput): { head: string; tail: string } {
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
  return { head: `{${before.length > 0 ? `${before.join(",")},` : ""}"shipments":`, tail: `${after.length > 0 ? `,${after.join(",")}` : ""}}` };
}

/**
 * SHA-256 of the canonical JSON, exactly `JSON.stringify(manifest)` as UTF-8 (test/unit/manifest-json-pieces.test.ts),
 * with each stretch of its bytes handed to `sink` (the staged payload's compressor) in order, and the sink ended.
 * The stretches are views of kept buffers, given back once the sink's payload settles: it has read them all then.
 */
export function hashManifestJson(manifest: ManifestInput, sink?: PayloadCompressor, perPiece = SHIPMENTS_PER_PIECE): string {
  const hash = createHash("sha256");
  const { shipments } = manifest;
  const used: Buffer[] = [];
  let buffer = takeBuffer(Math.max(64 * 1024, shipments.length * BYTES_PER_SHIPMENT));
  used.push(buffer);
  let offset = 0;
  /** Writes `text` at the offset (in a larger buffer when it does not fit) and returns where it starts and its byte length. */
  const put = (text: string): { at: number; bytes: number } => {
    if (buffer.length - offset < text.length * 3) {
      const bytes = Buffer.byteLength(text, "utf8");
      if (buffer.length - offset < bytes) {
        // Bytes before the offset are hashed and sunk already: the next ones may start a buffer of their own.
        buffer = takeBuffer(Math.max(bytes, buffer.length * 2));
        used.push(buffer);
        offset = 0;
      }
    }
    return { at: offset, bytes: buffer.write(text, offset, "utf8") };
  };
  const emit = (from: number, to: number) => {
    const bytes = buffer.subarray(from, to);
    hash.update(bytes);
    sink?.write(bytes);
    offset = to;
  };
  const { head, tail } = voyageTexts(manifest);
  const opening = put(head);
  emit(opening.at, opening.at + opening.bytes);
  if (shipments.length === 0) {
    const empty = put("[");
    emit(empty.at, empty.at + empty.bytes);
  }
  for (let from = 0; from < shipments.length; from += perPiece) {
    // A slice's JSON "[a,b]": its "[" opens the list (first piece) or becomes the comma after the last piece's
    // shipments; its "]" is left unsent, to be written over by the next piece or sent as the list's end.
    const piece = put(JSON.stringify(shipments.slice(from, from + perPiece)));
    if (from > 0) buffer[piece.at] = 0x2c;
    emit(piece.at, piece.at + piece.bytes - 1);
  }
  const closing = put(`]${tail}`);
  emit(closing.at, closing.at + closing.bytes);
  const release = () => used.forEach(giveBack);
  if (sink) {
    sink.end();
    void sink.payload.then(release, release);
  } else {
    release();
  }
  return hash.digest("hex");
}
