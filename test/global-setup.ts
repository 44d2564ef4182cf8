// One freshly created, isolated database and Redis key prefix per test run,
// so runs never see each other's data; dropped again at the end.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { dropDatabase, ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";
import { cloneTemplateDatabase, commitWithoutFlush, testAppUrl } from "./helpers/test-databases.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds the web client into `outDir` in a child process of its own (the
 * database is created and migrated meanwhile).
 */
function buildWebClient(outDir: string): Promise<void> {
  const child = spawn(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn", "--outDir", outDir], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`the web build failed (exit ${code ?? signal})`))));
  });
}

/**
 * What the web build reads: the client's sources, the server modules they
 * import (core/, profiling/; hashed whole, so an import added later is never
 * missed) and the locked dependency versions.
 */
const WEB_INPUTS = ["web", "core", "profiling", "package-lock.json"];
// Not under a dot directory (node_modules/.cache): express's sendFile refuses such paths.
const CACHE_DIR = path.join(os.tmpdir(), "portcullis-web-builds");
/** Each run's transpiled sources for the processes its tests start (transpileForChildren), one folder per run. */
const CHILD_JS_DIR = path.join(os.tmpdir(), "portcullis-test-js");

/**
 * Removes the entries of `dir` (but `keep`) neither made nor touched for a day: what runs killed before their
 * clean-up left (a removal never follows the links a transpiled folder holds). Another run may remove one first:
 * that one is gone either way.
 */
function removeStale(dir: string, keep?: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(dir)) {
    const other = path.join(dir, name);
    try {
      if (name !== keep && statSync(other).mtimeMs < dayAgo) rmSync(other, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another run's clean-up.
    }
  }
}

function webInputsHash(): string {
  const hash = createHash("sha256");
  const add = (relative: string) => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) {
        if (name === "node_modules" || name === "dist") continue;
        add(path.join(relative, name));
      }
      return;
    }
    hash.update(`${relative}\0`).update(readFileSync(full)).update("\0");
  };
  for (const input of WEB_INPUTS) add(input);
  return hash.digest("hex").slice(0, 16);
}

/**
 * The built web client for the current sources: a build of the same sources
 * (by a content hash of WEB_INPUTS) from an earlier run when there is one,
 * else a new build, kept for the next runs. A build is written to a directory
 * of its own and renamed into place when complete, so runs in parallel never
 * serve a half-written client or rebuild it under each other's browser tests;
 * a build is never changed once in place. Builds of other sources neither
 * made nor used for a day are removed.
 */
async function cachedWebClient(runId: string): Promise<{ dir: string; ownCopy: boolean }> {
  const key = webInputsHash();
  const dir = path.join(CACHE_DIR, key);
  if (existsSync(path.join(dir, "index.html"))) {
    // Marked as used, so another run's clean-up leaves it while this run serves it.
    utimesSync(dir, new Date(), new Date());
    return { dir, ownCopy: false };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = path.join(CACHE_DIR, `${key}.partial-${runId}`);
  try {
    await buildWebClient(partial);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  // A source changed while it was built: this run's own copy, not kept.
  if (webInputsHash() !== key) return { dir: partial, ownCopy: true };
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another run put the same build in place first: keep that one.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(path.join(dir, "index.html"))) throw error;
  }
  removeStale(CACHE_DIR, key);
  return { dir, ownCopy: false };
}

/** The product's folders a child process of a test loads (the built image's dist/ compiles the same, with fixtures beside). */
const CHILD_SOURCES = ["api", "cli", "core", "fixtures", "generated", "profiling", "workers"];

/**
 * The sources of CHILD_SOURCES as JavaScript in a folder of this run's own (each .ts transformed by esbuild, as
 * tsx transforms it on loading, with the same tsconfig.json; other files copied), beside links to the checkout's
 * node_modules and prisma/ and its package.json: the command line, workers and API the tests start run from it
 * (test/helpers/child-entry.ts). Removed at the end of the run; TEST_CHILDREN_TSX=1 runs them through tsx instead.
 */
async function transpileForChildren(runId: string): Promise<string> {
  mkdirSync(CHILD_JS_DIR, { recursive: true });
  removeStale(CHILD_JS_DIR);
  const out = path.join(CHILD_JS_DIR, runId);
  const sources: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(child);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) sources.push(path.join(root, child));
      else {
        mkdirSync(path.join(out, relative), { recursive: true });
        copyFileSync(path.join(root, child), path.join(out, child));
      }
    }
  };
  for (const folder of CHILD_SOURCES) if (existsSync(path.join(root, folder))) walk(folder);
  await build({ entryPoints: sources, outdir: out, outbase: root, format: "esm", platform: "node", target: "node20", tsconfig: path.join(root, "tsconfig.json"), logLevel: "warning" });
  for (const name of ["node_modules", "prisma", "prisma.config.ts"]) symlinkSync(path.join(root, name), path.join(out, name));
  copyFileSync(path.join(root, "package.json"), path.join(out, "package.json"));
  return out;
}

export default async function setup(): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  // TEST_SKIP_WEB_BUILD=1 is for API-only runs while the client is being
  // changed: the browser tests then fail, so CI never sets it.
  let built: Promise<{ dir: string; ownCopy: boolean }>;
  if (process.env.TEST_SKIP_WEB_BUILD === "1") {
    const empty = path.join(os.tmpdir(), `portcullis-web-${runId}`);
    mkdirSync(empty, { recursive: true });
    built = Promise.resolve({ dir: empty, ownCopy: true });
  } else built = cachedWebClient(runId);
  // Rejections are taken below, after the database (a failed build must not go unhandled meanwhile).
  built.catch(() => undefined);
  const childJs = process.env.TEST_CHILDREN_TSX === "1" ? Promise.resolve(undefined) : transpileForChildren(runId);
  childJs.catch(() => undefined);
  // Migrations run as the admin (switching to the owner role); the tests' own
  // services connect as the application role, like a deployment.
  const base = new URL(process.env.TEST_DATABASE_ADMIN_URL ?? process.env.DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/portcullis");
  base.pathname = `/portcullis_test_${runId}`;
  const url = base.toString();
  const appUrl = testAppUrl(url);
  await ensureDatabase(url);
  await migrateDatabase(url, appUrl);
  await commitWithoutFlush(url);
  // A copy of the freshly migrated, still empty database: the files that need
  // a database of their own (createExtraDatabase) clone it in about a second
  // instead of running the migrations again (a prisma process, several
  // seconds of the 2 cores each). Nobody connects to it, as a template requires.
  const template = new URL(url);
  template.pathname = `${template.pathname}_template`;
  await cloneTemplateDatabase(url, template.toString());
  process.env.TEST_TEMPLATE_DATABASE_URL = template.toString();
  const web = await built;
  process.env.WEB_ROOT = web.dir;
  const childJsDir = await childJs;
  if (childJsDir) process.env.TEST_CHILD_JS_DIR = childJsDir;
  process.env.DATABASE_ADMIN_URL = url;
  process.env.DATABASE_URL = appUrl;
  const queuePrefix = `pc-test-${runId}`;
  process.env.QUEUE_PREFIX = queuePrefix;
  process.env.LOG_LEVEL ??= "silent";
  return async () => {
    if (web.ownCopy) rmSync(web.dir, { recursive: true, force: true });
    if (childJsDir) rmSync(childJsDir, { recursive: true, force: true });
    await deletePrefixKeys(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", queuePrefix);
    await dropDatabase(template.toString());
    if (process.env.KEEP_TEST_DATABASE) return;
    await dropDatabase(url);
  };
}
