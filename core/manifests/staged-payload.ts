// A staged manifest's payload (staged-manifests.ts): its canonical JSON,
// compressed with brotli at quality 1 before it is sent to the database.
// For a 15,000-container manifest that is 15 MB of JSON down to about 1.3 MB
// in some 30-60 ms of the thread pool's time, where sending the text cost the
// answer some 300 ms of the server receiving, checking and compressing it
// (migration 0044). Quality 1 is the fastest setting that still finds the
// repeated keys and names a manifest is made of.
import { brotliDecompressSync, constants, createBrotliCompress } from "node:zlib";

/**
 * A compressor fed the JSON a piece at a time (manifest-json-pieces.ts): it compresses in libuv's thread pool
 * while the event loop writes the next pieces, and `payload` is the whole compressed text once `end` is called.
 * It reads each piece before `payload` settles, not when written: a piece's bytes stay untouched until then.
 */
export interface PayloadCompressor {
  write: (bytes: Buffer) => void;
  end: () => void;
  payload: Promise<Buffer>;
}

export function payloadCompressor(): PayloadCompressor {
  const stream = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
  const out: Buffer[] = [];
  const payload = new Promise<Buffer>((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => out.push(chunk));
    stream.once("end", () => resolve(Buffer.concat(out)));
    stream.once("error", reject);
  });
  return { write: (bytes) => void stream.write(bytes), end: () => void stream.end(), payload };
}

/** A stored row's JSON text: the compressed column, or the text column of a row staged before migration 0044. */
export function payloadJson(row: { payload: string | null; payload_brotli: Buffer | null }): string {
  if (row.payload_brotli) return brotliDecompressSync(row.payload_brotli).toString("utf8");
  if (row.payload !== null) return row.payload;
  throw new Error("staged manifest without a payload");
}
