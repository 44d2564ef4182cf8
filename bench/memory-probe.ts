// Preloaded into the API and worker processes a benchmark spawns
// (`node --expose-gc --import tsx --import ./bench/memory-probe.ts …`): on the
// IPC message {type: "memory-probe"} it runs a full GC and answers with the
// process's memory after it. Bench-only: the app itself gains no endpoint,
// and without --expose-gc the answer says the GC did not run.
const gc = (globalThis as { gc?: () => void }).gc;

process.on("message", (message: { type?: string; id?: number }) => {
  if (message?.type !== "memory-probe") return;
  // Two passes: the first can leave objects a finaliser or weak callback frees.
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  process.send?.({ type: "memory", id: message.id, gc: gc !== undefined, rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers });
});
// The probe must not keep a process alive that would otherwise exit.
process.channel?.unref();
