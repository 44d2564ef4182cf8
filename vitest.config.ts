import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./test/helpers/slow-first-sequencer.js";

// Integration tests share one isolated database per run (created by
// test/global-setup.ts) and a Redis queue prefix per run; files run in
// parallel workers, each test making its own units so data never collides.
// isolate: false lets the files a worker runs share its loaded modules: with
// a fresh module graph per file, loading the app (Prisma client, BullMQ,
// Express, zod schemas) again for each of ~150 files was a third of the
// suite's time (1,850 of 5,500 s summed over files; 164 s without). Each
// file still makes its own services, units and queue prefix.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    isolate: false,
    // Files run at once (TEST_WORKERS, default 3 on the CI machine's 2 cores): many files wait on the database,
    // Redis, a browser or a job's retry delay more than they compute. 7 Dec: a fresh clone's suite took 310-319 s
    // of vitest time with 3 against 485-526 s with 2. The two tests that failed with 3 then were races of their
    // own: the queue's "Searching…" test held a request the page never made (its pattern said `search=`, the
    // page asks `containerNumber=`), and redis-deadline's connection was made when the file loaded.
    maxWorkers: Number(process.env.TEST_WORKERS) || 3,
    // Long files first, also without a cache of earlier runs (see the sequencer).
    sequence: { sequencer: SlowFirstSequencer },
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest-results.json" },
  },
});
