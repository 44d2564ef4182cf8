// A staged manifest's payload (staged-manifests.ts): its canonical JSON,
// compressed with brotli at quality 1 before it is sent to the database.
// For a 15,000-container manifest that is 15 MB of JSON down to about 1.3 MB
// in some 30-60 ms of the thread pool's time, where sending the text cost the
// answer some 300 ms of the server receiving, checking and compressing it
// (migration 0044). Quality 1 is the fastest setting that still finds the
// repeated keys and names a manifest is made of.
import { brotliCompress, brotliDecompressSync, constants } from "node:zlib";
import { promisify } from "node:util";

const compress = promisify(brotliCompress);

/** The compressed payload, computed off the event loop (libuv's thread pool). */
export function compressPayload(json: Buffer): Promise<Buffer> {
  return compress(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 1,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
}

/** A stored row's JSON text: the compressed column, or the text column of a row staged before migration 0044. */
export function payloadJson(row: { payload: string | null; payload_brotli: Buffer | null }): string {
  if (row.payload_brotli) return brotliDecompressSync(row.payload_brotli).toString("utf8");
  if (row.payload !== null) return row.payload;
  throw new Error("staged manifest without a payload");
}
