// Long scoring loops hand the event loop back between slices, so a Redis
// reply or another job's query is read while a chunk is scored (an enqueue's
// 1 s command timeout otherwise fired although Redis had answered). With a
// slice of 0 ms every item is followed by a turn of the loop: a callback
// queued before the loop starts has run by the second item. With an endless
// slice nothing runs in between, as with a plain map.
import { setImmediate as onNextTurn } from "node:timers";
import { expect, test } from "vitest";
import { mapYielding } from "../../core/scoring/yield-to-loop.js";

async function turnsSeen(sliceMs: number): Promise<{ out: number[]; ranBeforeLast: boolean }> {
  let turned = false;
  onNextTurn(() => (turned = true));
  let ranBeforeLast = false;
  const out = await mapYielding([1, 2, 3, 4], (n, i) => {
    if (i === 3) ranBeforeLast = turned;
    return n * 10;
  }, sliceMs);
  return { out, ranBeforeLast };
}

test("mapYielding gives the event loop a turn between slices and keeps the results in order", async () => {
  expect(await turnsSeen(0)).toEqual({ out: [10, 20, 30, 40], ranBeforeLast: true });
  expect(await turnsSeen(Number.POSITIVE_INFINITY)).toEqual({ out: [10, 20, 30, 40], ranBeforeLast: false });
});
