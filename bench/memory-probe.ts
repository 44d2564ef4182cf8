// Preloaded into the API and worker processes a benchmark spawns
// (`node --expose-gc --import tsx --import ./bench/memory-probe.ts …`): on the
// IPC message {type: "memory-probe"} it runs a full GC and answers with the
// process's memory after it, and how busy its event loop was since the
// previous probe (utilisation, and the loop's delay percentiles from
// perf_hooks' histogram). Bench-only: the app itself gains no endpoint,
// and without --expose-gc the answer says the GC did not run.
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";

const gc = (globalThis as { gc?: () => void }).gc;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let lastUtilisation = performance.eventLoopUtilization();
const ms = (ns: number) => Math.round(ns / 1e5) / 10;

/**
 * The kernel's view after the GC, from /proc/self/smaps_rollup (bytes): Anonymous is the memory V8 and malloc
 * hold (what RSS grows by when a heap or an allocator's arenas grow), the rest of RSS is file-backed (code).
 */
function kernelFigures(): { anonymous?: number; privateDirty?: number } {
  try {
    const text = readFileSync("/proc/self/smaps_rollup", "utf8");
    const kb = (field: string) => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    return { anonymous: kb("Anonymous"), privateDirty: kb("Private_Dirty") };
  } catch {
    return {}; // not Linux
  }
}

process.on("message", (message: { type?: string; id?: number }) => {
  if (message?.type !== "memory-probe") return;
  // The loop's figures first: the GC below is the probe's own pause.
  const utilisation = performance.eventLoopUtilization(lastUtilisation);
  lastUtilisation = performance.eventLoopUtilization();
  const loop = { utilisation: Math.round(utilisation.utilization * 1000) / 1000, delayP50Ms: ms(delay.percentile(50)), delayP95Ms: ms(delay.percentile(95)), delayP99Ms: ms(delay.percentile(99)), delayMaxMs: ms(delay.max) };
  delay.reset();
  // Two passes: the first can leave objects a finaliser or weak callback frees.
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  // The young generation's reserved size: V8 grows its semi-spaces under a high allocation rate, and that
  // memory counts in heapTotal and RSS, not in heapUsed after a GC.
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size;
  process.send?.({ type: "memory", id: message.id, gc: gc !== undefined, rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers, newSpace, ...kernelFigures(), loop });
});
// The probe must not keep a process alive that would otherwise exit.
process.channel?.unref();
