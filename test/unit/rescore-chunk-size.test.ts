// Re-scoring after an activation sends the unit's open queue in fewer, larger
// chunks, bounded by 4x the configured size and never below it, and keeps at
// least 8 jobs while the queue is large enough to fill them.
import { expect, test } from "vitest";
import { rescoreChunkSize } from "../../core/scoring/enqueue-scoring.js";

test("rescore chunks: 15,000 containers in 8 jobs, small queues at the configured size, large ones capped", () => {
  expect(rescoreChunkSize(500, 15_000)).toBe(1_875);
  expect(Math.ceil(15_000 / rescoreChunkSize(500, 15_000))).toBe(8);
  expect(rescoreChunkSize(500, 130)).toBe(500);
  expect(rescoreChunkSize(500, 1_000_000)).toBe(2_000);
  expect(rescoreChunkSize(20, 130)).toBe(20);
});
