// Use case: the audit trail as CSV, for the filters of the audit viewer. It is
// written a page at a time (keyset on the id, newest first) and waits for the
// client to drain each page, so a long trail is never held in memory. Cells a
// spreadsheet would run as a formula are quoted (core/summaries/csv.ts). The
// export itself is audited before the first row is read, so it lists itself.
import type { Writable } from "node:stream";
import { recordAudit, type AuditActor } from "./record-audit.js";
import { queryAudit, type AuditFilters } from "./query-audit.js";
import { csvRecord } from "../summaries/csv.js";
import type { Services } from "../services.js";

const PAGE = 1_000;

export const AUDIT_CSV_HEADER = ["id", "at", "actor", "action", "entityType", "entityId", "unitCode", "ip", "requestId", "before", "after", "details"];

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

export async function exportAuditCsv(
  services: Pick<Services, "pool">,
  filters: Omit<AuditFilters, "before" | "limit">,
  actor: AuditActor,
  out: Writable,
): Promise<number> {
  await recordAudit(services.pool, actor, { action: "audit.exported", entityType: "audit", details: { filters } });
  // A client that goes away never drains: its close ends the wait, and the loop stops.
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        out.off("drain", done);
        out.off("close", done);
        resolve();
      };
      out.on("drain", done);
      out.on("close", done);
    });
  const write = async (text: string) => {
    if (!out.destroyed && !out.write(text)) await drained();
  };
  await write(csvRecord(AUDIT_CSV_HEADER));
  let before: number | undefined;
  let rows = 0;
  do {
    const page = await queryAudit(services, { ...filters, before, limit: PAGE });
    for (const e of page.items) {
      await write(
        csvRecord([
          e.id, e.at.toISOString(), e.actor, e.action, e.entityType, e.entityId, e.unitCode, e.ip, e.requestId,
          json(e.before), json(e.after), json(e.details),
        ]),
      );
    }
    rows += page.items.length;
    before = page.nextBefore ?? undefined;
  } while (before !== undefined && !out.destroyed);
  return rows;
}
