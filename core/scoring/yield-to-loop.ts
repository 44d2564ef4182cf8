// Scoring a chunk is synchronous CPU work: some 2,000 shipments in one go held
// the event loop for seconds on a loaded machine. Meanwhile nothing else in
// the process ran: replies from Redis sat unread, so the producer connection's
// 1 s command timeout (core/jobs/queue-set.ts) failed a concurrent enqueue
// although Redis had answered, and the other job slot's queries waited.
// Long loops hand the loop back every few milliseconds instead.
import { setImmediate as nextTurn } from "node:timers/promises";

/** Longest stretch of synchronous work between two turns of the event loop. */
export const SLICE_MS = 15;

/** `items.map(work)`, yielding to the event loop whenever a slice has run `sliceMs`. */
export async function mapYielding<T, R>(items: readonly T[], work: (item: T, index: number) => R, sliceMs = SLICE_MS): Promise<R[]> {
  const out = new Array<R>(items.length);
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    out[i] = work(items[i]!, i);
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return out;
}
