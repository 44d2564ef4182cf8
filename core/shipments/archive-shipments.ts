// Retention of a unit's shipments: those that arrived before the cut-off and
// are done with (no hold waiting for an inspection, no inspection or seizure,
// which are the profiles' labelled history) are written to a gzip JSON-lines
// file, with their scoring state and assessments, read back against a SHA-256
// checksum and the line count, and only then deleted, a batch per
// transaction. Deleting them cascades to scoring_state, whose triggers take
// them off the queue's counters (0025). The run is audited.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { createGzip } from "node:zlib";
import { verifyArchive } from "../archives/verify-archive.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import { notFound, validationFailed } from "../errors.js";
import type { Services } from "../services.js";

const BATCH = 5000;

/** Shipments of unit $1 that arrived before $2 and need not stay: the rows archived, and checked again when deleted. */
const DONE_WITH_SQL = `s.unit_id = $1 AND s.arrival_date < $2::date
  AND NOT EXISTS (SELECT 1 FROM scoring_state st WHERE st.shipment_id = s.id AND st.decision = 'hold')
  AND NOT EXISTS (SELECT 1 FROM inspection i WHERE i.shipment_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM seizure z WHERE z.shipment_id = s.id)`;

export interface ShipmentArchive {
  unitCode: string;
  before: string;
  file: string;
  checksumFile: string;
  archived: number;
  deleted: number;
  sha256: string;
}

/** The first day kept when `months` months are kept live, counted back from the start of the current UTC month. */
export function retentionCutoff(now: Date, months: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)).toISOString().slice(0, 10);
}

export async function archiveShipments(
  services: Pick<Services, "pool" | "now">,
  request: { unitCode: string; before: string; out: string; actor: AuditActor },
): Promise<ShipmentArchive> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.before) || Number.isNaN(Date.parse(`${request.before}T00:00:00Z`))) {
    throw validationFailed([{ path: "before", message: "expected a date, YYYY-MM-DD" }]);
  }
  if (request.before > services.now().toISOString().slice(0, 10)) {
    throw validationFailed([{ path: "before", message: "must not be after today: containers still to arrive are never archived" }]);
  }
  const unit = await services.pool.query<{ id: string }>("SELECT id FROM control_unit WHERE code = $1", [request.unitCode]);
  const unitId = unit.rows[0]?.id;
  if (!unitId) throw notFound(`unit ${request.unitCode}`);

  const { ids, rows, sha256 } = await writeArchive(services, unitId, request.before, request.out);
  await verifyArchive(request.out, { rows, sha256 }, "; nothing was deleted");
  const checksumFile = `${request.out}.sha256`;
  await writeFile(checksumFile, `${sha256}  ${basename(request.out)}\n`);

  let deleted = 0;
  for (let start = 0; start < ids.length; start += BATCH) {
    // Checked again: a container held meanwhile stays (it is then in the file and in the database).
    const result = await services.pool.query(`DELETE FROM shipment s WHERE s.id = ANY($3::uuid[]) AND ${DONE_WITH_SQL}`, [unitId, request.before, ids.slice(start, start + BATCH)]);
    deleted += result.rowCount ?? 0;
  }
  await recordAudit(services.pool, request.actor, {
    action: "shipments.archived",
    entityType: "control_unit",
    entityId: unitId,
    unitId,
    after: { before: request.before, file: basename(request.out), sha256, archived: rows, deleted },
  });
  return { unitCode: request.unitCode, before: request.before, file: request.out, checksumFile, archived: rows, deleted, sha256 };
}

/** One JSON object per line: the shipment, its scoring state and its assessments. Keyset pages by id. */
async function writeArchive(services: Pick<Services, "pool">, unitId: string, before: string, file: string) {
  const gzip = createGzip();
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  gzip.on("data", (chunk: Buffer) => hash.update(chunk));
  gzip.pipe(out);
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { rows: { id: string; line: string }[] } = await services.pool.query<{ id: string; line: string }>(
      `SELECT s.id::text AS id,
              json_build_object('shipment', row_to_json(s), 'scoring', (SELECT row_to_json(st) FROM scoring_state st WHERE st.shipment_id = s.id),
                                'assessments', (SELECT COALESCE(json_agg(a ORDER BY a.scored_at), '[]') FROM assessment a WHERE a.shipment_id = s.id))::text AS line
         FROM shipment s
        WHERE ${DONE_WITH_SQL} AND ($3::uuid IS NULL OR s.id > $3::uuid)
        ORDER BY s.id LIMIT ${BATCH}`,
      [unitId, before, after],
    );
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      ids.push(row.id);
      if (!gzip.write(`${row.line}\n`)) await once(gzip, "drain");
    }
    after = page.rows[page.rows.length - 1]!.id;
  }
  gzip.end();
  await once(out, "close");
  return { ids, rows: ids.length, sha256: hash.digest("hex") };
}

