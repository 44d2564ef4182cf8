import { defineConfig } from "vitest/config";

// Integration tests share one isolated database per run (created by
// test/global-setup.ts) and a Redis queue prefix per run; files run in
// parallel workers, each test making its own units so data never collides.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest-results.json" },
  },
});
