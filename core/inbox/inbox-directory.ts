// File-system steps of the inbox. A rename within one file system is atomic:
// moving a file into `processing/<watcher id>/` is how one watcher, and only
// one, takes its bytes; a second watcher's rename then fails with ENOENT.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rmdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { INBOX_SUBDIRS, isInFlightName } from "./inbox-file-names.js";

export interface InboxPaths {
  root: string;
  processing: string;
  /** This watcher's own claimed files. */
  mine: string;
  done: string;
  failed: string;
}

export async function prepareInbox(root: string, watcherId: string): Promise<InboxPaths> {
  const processing = join(root, INBOX_SUBDIRS.processing);
  const paths = { root, processing, mine: join(processing, watcherId), done: join(root, INBOX_SUBDIRS.done), failed: join(root, INBOX_SUBDIRS.failed) };
  for (const dir of [paths.mine, paths.done, paths.failed]) await mkdir(dir, { recursive: true });
  return paths;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

export interface Candidate {
  name: string;
  size: number;
  mtimeMs: number;
}

/** Regular files in `dir` that are not being written under a temporary name. */
export async function listFiles(dir: string): Promise<Candidate[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const found: Candidate[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || isInFlightName(entry.name)) continue;
    try {
      const info = await stat(join(dir, entry.name));
      found.push({ name: entry.name, size: info.size, mtimeMs: info.mtimeMs });
    } catch (error) {
      if (!isMissing(error)) throw error; // taken by another watcher meanwhile
    }
  }
  return found;
}

/** Names of the sub-directories of `processing/` (one per watcher that ever claimed a file here). */
export async function watcherDirs(processing: string): Promise<string[]> {
  const entries = await readdir(processing, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

/** Moves `from` to `to`; false when `from` is gone (another watcher took it). */
export async function take(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

export async function removeEmptyDir(dir: string): Promise<void> {
  await rmdir(dir).catch(() => undefined);
}

export async function hashFile(path: string): Promise<{ hash: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { hash: hash.digest("hex"), size };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, (error: unknown) => (isMissing(error) ? false : Promise.reject(error as Error)));
}

/**
 * Puts a finished file into done/ or failed/ with its answer beside it. The
 * answer is written first (under a temporary name, then renamed): a crash in
 * between leaves the file in processing/, and the next run writes the same
 * answer again from the database. A name already used there gets a time prefix.
 */
export async function placeFinished(from: string, targetDir: string, name: string, answer: { fileSuffix: string; text: string }, now: Date): Promise<string> {
  let finalName = name;
  if (await exists(join(targetDir, finalName))) finalName = `${now.toISOString().replace(/[-:.]/g, "")}-${name}`;
  const answerPath = join(targetDir, `${finalName}${answer.fileSuffix}`);
  const temporary = join(targetDir, `.${finalName}${answer.fileSuffix}.tmp`);
  await writeFile(temporary, answer.text);
  await rename(temporary, answerPath);
  await rename(from, join(targetDir, finalName));
  return finalName;
}
