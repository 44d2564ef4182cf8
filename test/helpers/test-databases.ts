// Databases of a test run: the admin URL (migrations, maintenance) and the
// application role's URL (what the services connect as), and extra migrated
// databases for tests that run two deployments side by side.
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, migrateDatabase, splitDatabaseUrl } from "../../core/db/database-admin.js";
import pg from "pg";
import { adoptOwnership, APP_ROLE, asOwner, ensureRoles } from "../../core/db/database-roles.js";

/** The same server and database as the application role (trust authentication here). */
export function testAppUrl(adminUrl: string): string {
  const url = new URL(adminUrl);
  url.username = process.env.TEST_APP_USER ?? APP_ROLE;
  url.password = process.env.TEST_APP_PASSWORD ?? "";
  return url.toString();
}

/**
 * A second, freshly migrated database next to the run's own; drop it with the
 * returned function. Cloned from the run's migrated template
 * (TEST_TEMPLATE_DATABASE_URL, made by test/global-setup.ts) when there is
 * one, else migrated here.
 */
export async function createExtraDatabase(label: string): Promise<{ adminUrl: string; appUrl: string; drop(): Promise<void> }> {
  const admin = new URL(process.env.DATABASE_ADMIN_URL!);
  admin.pathname = `${admin.pathname}_${label}_${randomBytes(3).toString("hex")}`;
  const adminUrl = admin.toString();
  const appUrl = testAppUrl(adminUrl);
  const template = process.env.TEST_TEMPLATE_DATABASE_URL;
  if (template) {
    await cloneTemplateDatabase(template, adminUrl);
    // What migrateDatabase does besides the migrations: the database's owner
    // and grants are not copied from a template (they belong to the database).
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await ensureRoles(client, appUrl);
      await adoptOwnership(client);
    } finally {
      await client.end();
    }
  } else {
    await ensureDatabase(adminUrl);
    await migrateDatabase(adminUrl, appUrl);
  }
  await commitWithoutFlush(adminUrl);
  return { adminUrl, appUrl, drop: () => dropDatabase(adminUrl) };
}

/**
 * Sessions of a test database commit without waiting for the WAL to reach
 * the disk (synchronous_commit off). A commit is as visible, as ordered and as
 * atomic as before; only a crash of the PostgreSQL server itself could lose
 * the last ones, which no test causes (the fault tests end sessions or stop
 * Redis, never the server). Measured here: 7-9 ms a commit became 0.5-0.8 ms,
 * and the suite commits tens of thousands of times (every request, user, unit
 * and job). A database setting, so every connection (services, Prisma, CLI
 * children) has it; a clone (CREATE DATABASE ... TEMPLATE) does not inherit
 * it, so each database of a run gets it here.
 */
export async function commitWithoutFlush(adminUrl: string): Promise<void> {
  const { name } = splitDatabaseUrl(adminUrl);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} SET synchronous_commit = off`);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database of `targetUrl` as a copy of the one of `templateUrl`
 * (CREATE DATABASE ... TEMPLATE: a file copy, no migrations). PostgreSQL
 * refuses while another session is connected to the template: retried briefly.
 */
export async function cloneTemplateDatabase(templateUrl: string, targetUrl: string): Promise<void> {
  const template = splitDatabaseUrl(templateUrl).name;
  const { name, adminUrl } = splitDatabaseUrl(targetUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`);
        return;
      } catch (error) {
        // 55006 object_in_use: "source database is being accessed by other users".
        if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await admin.end();
  }
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
