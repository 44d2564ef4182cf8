// One freshly created, isolated database and Redis key prefix per test run,
// so runs never see each other's data; dropped again at the end.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dropDatabase, ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";
import { cloneTemplateDatabase, testAppUrl } from "./helpers/test-databases.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

/**
 * Builds the web client from the current sources once per run, into a
 * directory of the run's own (served through WEB_ROOT), so runs in parallel
 * never rebuild the client under each other's browser tests. A child process
 * of its own: the database is created and migrated meanwhile.
 */
function buildWebClient(outDir: string): Promise<void> {
  const root = fileURLToPath(new URL("..", import.meta.url));
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

export default async function setup(): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const webRoot = path.join(os.tmpdir(), `portcullis-web-${runId}`);
  // TEST_SKIP_WEB_BUILD=1 is for API-only runs while the client is being
  // changed: the browser tests then fail, so CI never sets it.
  let built: Promise<void>;
  if (process.env.TEST_SKIP_WEB_BUILD === "1") {
    mkdirSync(webRoot, { recursive: true });
    built = Promise.resolve();
  } else built = buildWebClient(webRoot);
  // Rejections are taken below, after the database (a failed build must not go unhandled meanwhile).
  built.catch(() => undefined);
  process.env.WEB_ROOT = webRoot;
  // Migrations run as the admin (switching to the owner role); the tests' own
  // services connect as the application role, like a deployment.
  const base = new URL(process.env.TEST_DATABASE_ADMIN_URL ?? process.env.DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/portcullis");
  base.pathname = `/portcullis_test_${runId}`;
  const url = base.toString();
  const appUrl = testAppUrl(url);
  await ensureDatabase(url);
  await migrateDatabase(url, appUrl);
  // A copy of the freshly migrated, still empty database: the files that need
  // a database of their own (createExtraDatabase) clone it in about a second
  // instead of running the migrations again (a prisma process, several
  // seconds of the 2 cores each). Nobody connects to it, as a template requires.
  const template = new URL(url);
  template.pathname = `${template.pathname}_template`;
  await cloneTemplateDatabase(url, template.toString());
  process.env.TEST_TEMPLATE_DATABASE_URL = template.toString();
  await built;
  process.env.DATABASE_ADMIN_URL = url;
  process.env.DATABASE_URL = appUrl;
  const queuePrefix = `pc-test-${runId}`;
  process.env.QUEUE_PREFIX = queuePrefix;
  process.env.LOG_LEVEL ??= "silent";
  return async () => {
    rmSync(webRoot, { recursive: true, force: true });
    await deletePrefixKeys(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", queuePrefix);
    await dropDatabase(template.toString());
    if (process.env.KEEP_TEST_DATABASE) return;
    await dropDatabase(url);
  };
}
