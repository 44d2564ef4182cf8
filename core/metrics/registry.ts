// One Prometheus registry per process: Prometheus scrapes processes, so the
// registry is process-wide by nature (the one deliberate module-level
// singleton). Tests that build many apps share it; counters only grow.
import { collectDefaultMetrics, Registry } from "prom-client";

let registry: Registry | undefined;
const metrics = new Map<string, unknown>();

export function metricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    // process_resident_memory_bytes, nodejs_eventloop_lag_seconds, heap, GC...
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

/** Creates a metric once per process (a second app in the same process reuses it). */
export function metricOnce<T>(name: string, create: (registers: Registry[]) => T): T {
  if (!metrics.has(name)) metrics.set(name, create([metricsRegistry()]));
  return metrics.get(name) as T;
}
