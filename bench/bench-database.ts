// A throwaway database for one benchmark run, created and migrated like the
// test databases, dropped at the end.
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";

export async function withBenchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const base = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portcullis");
  base.pathname = `/portcullis_bench_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  const url = base.toString();
  await ensureDatabase(url);
  try {
    await migrateDatabase(url);
    return await work(url);
  } finally {
    await dropDatabase(url);
  }
}
