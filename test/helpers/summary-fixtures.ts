// Rows for summary tests written straight into the tables (history shipments,
// inspections, seizures at chosen dates), so a test can lay out months of
// seizures across units without running the whole officer workflow.
import { randomBytes } from "node:crypto";
import type { PoolClient } from "../../core/db/pool.js";
import { DEFAULT_DEADLINES, dueAtFor, type ReferralStatus } from "../../core/referrals/referral-states.js";

export async function insertHistoryShipment(client: PoolClient, unitId: string, line: number): Promise<string> {
  const res = await client.query<{ id: string }>(
    "INSERT INTO shipment (id, unit_id, source, line_no, bill_of_lading, external_ref) VALUES (gen_random_uuid(), $1, 'history', $2, $3, $3) RETURNING id",
    [unitId, line, `BL-${randomBytes(4).toString("hex")}`],
  );
  return res.rows[0]!.id;
}

/** Who may read a fixture row: shared with the unit (the default) or with its owning agency only. */
export interface FixtureSharing {
  sharing?: "unit" | "agency";
  ownerAgencyId?: string;
}

export async function insertInspection(client: PoolClient, unitId: string, shipmentId: string, outcome: string, share: FixtureSharing = {}): Promise<string> {
  const res = await client.query<{ id: string }>(
    `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at, sharing, owner_agency_id)
     VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', '2025-01-01', $4, $5) RETURNING id`,
    [shipmentId, unitId, outcome, share.sharing ?? "unit", share.ownerAgencyId ?? null],
  );
  return res.rows[0]!.id;
}

export interface SeizureRow extends FixtureSharing {
  unitId: string;
  commodity: string;
  quantity: number;
  qUnit: string;
  /** ISO date-time of the seizure. */
  at: string;
  method?: string;
  arrests: number;
}

/** A seizure on a new history shipment with its inspection; line is the shipment's line number. */
export async function insertSeizure(client: PoolClient, f: SeizureRow, line: number): Promise<{ seizureId: string; shipmentId: string }> {
  const shipmentId = await insertHistoryShipment(client, f.unitId, line);
  const inspectionId = await insertInspection(client, f.unitId, shipmentId, "seizure", f);
  const res = await client.query<{ id: string }>(
    `INSERT INTO seizure (id, unit_id, inspection_id, shipment_id, commodity, quantity, quantity_unit, concealment, detection_method, agencies, persons_arrested, seized_at,
                          sharing, owner_agency_id)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'in_cargo', $7, '{}', $8, $9, $10, $11) RETURNING id`,
    [f.unitId, inspectionId, shipmentId, f.commodity, f.quantity, f.qUnit, f.method ?? "profile", f.arrests, f.at, f.sharing ?? "unit", f.ownerAgencyId ?? null],
  );
  return { seizureId: res.rows[0]!.id, shipmentId };
}

/**
 * A referral of a seizure with its transitions: [status, at] pairs after
 * drafting. The last pair is its current status, due as the unit's default
 * deadlines say (referral-states.ts); `overdue` sets the sweep's mark.
 */
export async function insertReferral(
  client: PoolClient,
  r: { unitId: string; seizureId: string; steps: [string, string][]; overdue?: boolean; recipient: { kind: string; name: string } },
): Promise<string> {
  const last = r.steps.at(-1);
  const at = (status: string) => r.steps.find(([s]) => s === status)?.[1] ?? null;
  const status = (last?.[0] ?? "drafted") as ReferralStatus;
  const lastUpdateAt = last?.[1] ?? "2025-01-01";
  const seizedAt = (await client.query<{ seized_at: Date }>("SELECT seized_at FROM seizure WHERE id = $1", [r.seizureId])).rows[0]!.seized_at;
  const sentAt = at("sent");
  const dueAt = dueAtFor(status, { seizedAt, sentAt: sentAt === null ? null : new Date(sentAt), lastUpdateAt: new Date(lastUpdateAt) }, DEFAULT_DEADLINES);
  const res = await client.query<{ id: string }>(
    `INSERT INTO referral (id, seizure_id, unit_id, recipient_kind, recipient_name, status, sent_at, acknowledged_at, last_update_at, overdue_since, due_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [r.seizureId, r.unitId, r.recipient.kind, r.recipient.name, status, sentAt, at("acknowledged"), lastUpdateAt, r.overdue ? "2025-08-01" : null, dueAt],
  );
  let from = "drafted";
  for (const [to, when] of r.steps) {
    await client.query("INSERT INTO referral_event (id, referral_id, from_status, to_status, at) VALUES (gen_random_uuid(), $1, $2, $3, $4)", [res.rows[0]!.id, from, to, when]);
    from = to;
  }
  return res.rows[0]!.id;
}
