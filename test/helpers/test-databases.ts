// Databases of a test run: the admin URL (migrations, maintenance) and the
// application role's URL (what the services connect as), and extra migrated
// databases for tests that run two deployments side by side.
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, migrateDatabase } from "../../core/db/database-admin.js";
import pg from "pg";
import { APP_ROLE, asOwner } from "../../core/db/database-roles.js";

/** The same server and database as the application role (trust authentication here). */
export function testAppUrl(adminUrl: string): string {
  const url = new URL(adminUrl);
  url.username = process.env.TEST_APP_USER ?? APP_ROLE;
  url.password = process.env.TEST_APP_PASSWORD ?? "";
  return url.toString();
}

/** A second, freshly migrated database next to the run's own; drop it with the returned function. */
export async function createExtraDatabase(label: string): Promise<{ adminUrl: string; appUrl: string; drop(): Promise<void> }> {
  const admin = new URL(process.env.DATABASE_ADMIN_URL!);
  admin.pathname = `${admin.pathname}_${label}_${randomBytes(3).toString("hex")}`;
  const adminUrl = admin.toString();
  const appUrl = testAppUrl(adminUrl);
  await ensureDatabase(adminUrl);
  await migrateDatabase(adminUrl, appUrl);
  return { adminUrl, appUrl, drop: () => dropDatabase(adminUrl) };
}

/** Runs `work` on a connection of the owner role (the admin URL switched to it), closed afterwards. */
export async function withOwnerClient<T>(work: (client: pg.Client) => Promise<T>, adminUrl = process.env.DATABASE_ADMIN_URL!): Promise<T> {
  const client = new pg.Client({ connectionString: asOwner(adminUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
