import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema's env("DATABASE_URL") must resolve even during `npm ci`
// (postinstall: prisma generate); unset, the CLI tries to download an engine.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/portcullis";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: () => Promise.resolve(new PrismaPg({ connectionString: process.env.DATABASE_URL! })),
});
