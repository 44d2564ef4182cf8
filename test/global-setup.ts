// One freshly created, isolated database and Redis key prefix per test run,
// so runs never see each other's data; dropped again at the end.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dropDatabase, ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";
import { testAppUrl } from "./helpers/test-databases.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

/**
 * Builds the web client from the current sources (about a second) once per
 * run, into a directory of the run's own (served through WEB_ROOT), so runs
 * in parallel never rebuild the client under each other's browser tests.
 */
function buildWebClient(outDir: string): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn", "--outDir", outDir], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

export default async function setup(): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const webRoot = path.join(os.tmpdir(), `portcullis-web-${runId}`);
  // TEST_SKIP_WEB_BUILD=1 is for API-only runs while the client is being
  // changed: the browser tests then fail, so CI never sets it.
  if (process.env.TEST_SKIP_WEB_BUILD === "1") mkdirSync(webRoot, { recursive: true });
  else buildWebClient(webRoot);
  process.env.WEB_ROOT = webRoot;
  // Migrations run as the admin (switching to the owner role); the tests' own
  // services connect as the application role, like a deployment.
  const base = new URL(process.env.TEST_DATABASE_ADMIN_URL ?? process.env.DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/portcullis");
  base.pathname = `/portcullis_test_${runId}`;
  const url = base.toString();
  const appUrl = testAppUrl(url);
  await ensureDatabase(url);
  await migrateDatabase(url, appUrl);
  process.env.DATABASE_ADMIN_URL = url;
  process.env.DATABASE_URL = appUrl;
  const queuePrefix = `pc-test-${runId}`;
  process.env.QUEUE_PREFIX = queuePrefix;
  process.env.LOG_LEVEL ??= "silent";
  return async () => {
    rmSync(webRoot, { recursive: true, force: true });
    await deletePrefixKeys(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", queuePrefix);
    if (process.env.KEEP_TEST_DATABASE) return;
    await dropDatabase(url);
  };
}
