// `npm run db:migrate`: create the database if missing and apply migrations.
import { ConfigError, loadConfig } from "../core/config.js";
import { ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";

try {
  // As the admin (DATABASE_ADMIN_URL): creates the roles, then migrates as the owner role.
  const { DATABASE_URL, DATABASE_ADMIN_URL } = loadConfig();
  await ensureDatabase(DATABASE_ADMIN_URL);
  await migrateDatabase(DATABASE_ADMIN_URL, DATABASE_URL);
  console.log("database is up to date");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
