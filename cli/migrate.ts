// `npm run db:migrate`: create the database if missing and apply migrations.
import { ConfigError, loadConfig } from "../core/config.js";
import { ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";

try {
  const { DATABASE_URL } = loadConfig();
  await ensureDatabase(DATABASE_URL);
  await migrateDatabase(DATABASE_URL);
  console.log("database is up to date");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
