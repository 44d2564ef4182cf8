// Watched directories for the inbox tests: one fresh directory under the OS
// temp dir per test, removed afterwards; and how to read what the inbox did.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";

export async function freshInboxDir(label: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(os.tmpdir(), `portcullis-inbox-${label}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Names in a sub-directory (done, failed...), sorted; [] when it does not exist yet. */
export async function namesIn(dir: string, sub: string): Promise<string[]> {
  return (await readdir(join(dir, sub)).catch(() => [] as string[])).filter((n) => !n.startsWith(".")).sort();
}

/** The data files (not the answers) in a sub-directory. */
export async function dataFilesIn(dir: string, sub: string): Promise<string[]> {
  return (await namesIn(dir, sub)).filter((n) => !/\.(answer\.json|contrl\.edi|cusres\.edi)$/.test(n));
}

export async function answerOf(dir: string, sub: string, name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, sub, `${name}.answer.json`), "utf8")) as Record<string, unknown>;
}
