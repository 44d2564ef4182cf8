// One freshly created, isolated database and Redis key prefix per test run,
// so runs never see each other's data; dropped again at the end.
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";

export default async function setup(): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portcullis");
  base.pathname = `/portcullis_test_${runId}`;
  const url = base.toString();
  await ensureDatabase(url);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.QUEUE_PREFIX = `pc-test-${runId}`;
  process.env.LOG_LEVEL ??= "silent";
  return async () => {
    if (process.env.KEEP_TEST_DATABASE) return;
    await dropDatabase(url);
  };
}
