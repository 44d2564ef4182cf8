// Creating, migrating and dropping databases: used by `npm start`, the test
// harness and the benchmarks, so all three prepare a database the same way.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { connectAsOwner, ensureAuditPartitions } from "../audit/audit-partitions.js";
import { adoptOwnership, asOwner, ensureRoles } from "./database-roles.js";

const require = createRequire(import.meta.url);

/** The database name in a PostgreSQL URL, and the same URL pointed at `postgres`. */
export function splitDatabaseUrl(url: string): { name: string; adminUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!name) throw new Error("DATABASE_URL: names no database");
  parsed.pathname = "/postgres";
  return { name, adminUrl: parsed.toString() };
}

/** Creates the database named in `url` if it does not exist. Returns whether it created it. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { name, adminUrl } = splitDatabaseUrl(url);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } catch (error) {
      // Two processes starting at once: the other one created it first.
      if ((error as { code?: string }).code !== "42P04") throw error;
      return false;
    }
    return true;
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { name, adminUrl } = splitDatabaseUrl(url);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The folder holding prisma/schema.prisma, whether running from sources or from dist/. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "prisma", "schema.prisma"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find prisma/schema.prisma above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/**
 * Prepares the roles (see database-roles.ts), hands the database to the owner
 * role, then applies pending migrations with `prisma migrate deploy` (works
 * offline with the pg adapter) as the owner. `adminUrl` is a superuser's (or a
 * role with CREATEROLE that is a member of the owner role); `appUrl`, when
 * given, supplies the application role's password.
 */
export async function migrateDatabase(adminUrl: string, appUrl?: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureRoles(admin, appUrl);
    await adoptOwnership(admin);
  } finally {
    await admin.end();
  }
  await deployMigrations(asOwner(adminUrl));
  // The application role cannot create audit partitions: make the months ahead now.
  const owner = await connectAsOwner(adminUrl);
  try {
    await ensureAuditPartitions(owner);
  } finally {
    await owner.end();
  }
}

/** What `prisma migrate deploy` prints once every migration is applied (or none was pending). */
const DEPLOYED = /All migrations have been successfully applied|No pending migrations to apply/;

/** Whether every migration folder is recorded as applied (finished, not rolled back) and none is half-done. */
async function allMigrationsRecorded(url: string, root: string): Promise<boolean> {
  const folders = readdirSync(path.join(root, "prisma", "migrations")).filter((name) => existsSync(path.join(root, "prisma", "migrations", name, "migration.sql")));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const recorded = await client.query<{ name: string; finished: boolean }>(
      "SELECT migration_name AS name, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL",
    );
    const finished = new Set(recorded.rows.filter((row) => row.finished).map((row) => row.name));
    return recorded.rows.every((row) => row.finished) && folders.every((name) => finished.has(name));
  } finally {
    await client.end();
  }
}

/**
 * Runs `prisma migrate deploy` as a child process. Once it reports success and
 * the database records every migration as finished, the child is ended: the
 * CLI (6.19 with the pg adapter) otherwise lingers about 10 s after its work,
 * on a timer of its wasm schema engine and its pool's idle client, for every
 * `npm start` on a new database and every test run.
 */
async function deployMigrations(url: string): Promise<void> {
  const prismaCli = require.resolve("prisma/build/index.js");
  const root = projectRoot();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let settled = false;
    let checking = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (checking || settled || !DEPLOYED.test(output)) return;
      checking = true;
      allMigrationsRecorded(url, root).then(
        (done) => {
          if (!done) return;
          settle();
          child.kill();
        },
        // The child's own exit then decides.
        () => undefined,
      );
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => settle(error));
    child.on("exit", (code) =>
      code === 0 ? settle() : settle(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`)),
    );
  });
}
