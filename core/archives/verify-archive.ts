// Reading an archive back before the rows it holds are deleted: the audit
// trail's monthly partitions and a unit's old shipments are both written as
// gzip JSON lines with a checksum, and both are checked the same way.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import readline from "node:readline";
import { createGunzip } from "node:zlib";

/** Throws unless the file's sha256 and its non-empty line count are the ones exported; `consequence` ends the message. */
export async function verifyArchive(file: string, expected: { rows: number; sha256: string }, consequence = ""): Promise<void> {
  const hash = createHash("sha256");
  const raw = createReadStream(file);
  raw.on("data", (chunk) => hash.update(chunk));
  let lines = 0;
  for await (const line of readline.createInterface({ input: raw.pipe(createGunzip()), crlfDelay: Infinity })) if (line) lines += 1;
  const sha256 = hash.digest("hex");
  if (sha256 !== expected.sha256 || lines !== expected.rows) {
    throw new Error(`archive ${file} does not read back: ${lines} lines (expected ${expected.rows}), sha256 ${sha256} (expected ${expected.sha256})${consequence}`);
  }
}
