// Inbox gauges, read from PostgreSQL at scrape time: the watchers are their
// own processes (`inbox watch`), so the API reports what they recorded, the
// same on every replica.
import { Gauge } from "prom-client";
import { listInboxes } from "../inbox/inbox-overview.js";
import type { Services } from "../services.js";
import { metricOnce } from "./registry.js";

const inboxFiles = () =>
  metricOnce(
    "inbox-files",
    (registers) =>
      new Gauge({ name: "portcullis_inbox_files", help: "Files the watched inboxes took, by unit, kind (edi, manifest, history) and outcome (done, failed, processing)", labelNames: ["unit", "kind", "outcome"] as const, registers }),
  );
const lastSuccess = () =>
  metricOnce(
    "inbox-last-success",
    (registers) => new Gauge({ name: "portcullis_inbox_last_success_timestamp_seconds", help: "When a unit's inbox last moved a file to done/ (Unix time)", labelNames: ["unit"] as const, registers }),
  );
const backlog = () =>
  metricOnce(
    "inbox-backlog",
    (registers) => new Gauge({ name: "portcullis_inbox_backlog_files", help: "Files waiting in a unit's watched directories (seen by live watchers) or being processed", labelNames: ["unit"] as const, registers }),
  );
const watchersAlive = () =>
  metricOnce(
    "inbox-watchers",
    (registers) => new Gauge({ name: "portcullis_inbox_watchers_alive", help: "Inbox watchers of a unit with a fresh heartbeat", labelNames: ["unit"] as const, registers }),
  );

export async function refreshInboxGauges(services: Pick<Services, "pool">): Promise<void> {
  const { inboxes } = await listInboxes(services.pool);
  // Reset first: a unit whose last watcher is gone must not keep its old values.
  for (const gauge of [inboxFiles(), lastSuccess(), backlog(), watchersAlive()]) gauge.reset();
  const perUnit = new Map<string, { success: number; backlog: number; alive: number }>();
  for (const inbox of inboxes) {
    const unit = perUnit.get(inbox.unitCode) ?? { success: 0, backlog: 0, alive: 0 };
    perUnit.set(inbox.unitCode, unit);
    for (const [kind, counts] of Object.entries(inbox.byKind)) {
      for (const [outcome, n] of Object.entries(counts)) inboxFiles().inc({ unit: inbox.unitCode, kind, outcome }, n);
    }
    if (inbox.lastSuccessAt) unit.success = Math.max(unit.success, Date.parse(inbox.lastSuccessAt) / 1000);
    unit.backlog += inbox.waiting + inbox.counts.processing;
    unit.alive += inbox.watchers.filter((w) => w.alive).length;
  }
  for (const [unit, values] of perUnit) {
    if (values.success > 0) lastSuccess().set({ unit }, values.success);
    backlog().set({ unit }, values.backlog);
    watchersAlive().set({ unit }, values.alive);
  }
}
