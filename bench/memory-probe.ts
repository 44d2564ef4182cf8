// Preloaded into the API and worker processes a benchmark spawns
// (`node --expose-gc --import tsx --import ./bench/memory-probe.ts …`): on the
// IPC message {type: "memory-probe"} it runs a full GC and answers with the
// process's memory after it, and how busy its event loop was since the
// previous probe (utilisation, and the loop's delay percentiles from
// perf_hooks' histogram). Bench-only: the app itself gains no endpoint,
// and without --expose-gc the answer says the GC did not run.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const gc = (globalThis as { gc?: () => void }).gc;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let lastUtilisation = performance.eventLoopUtilization();
const ms = (ns: number) => Math.round(ns / 1e5) / 10;

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
  process.send?.({ type: "memory", id: message.id, gc: gc !== undefined, rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers, loop });
});
// The probe must not keep a process alive that would otherwise exit.
process.channel?.unref();
