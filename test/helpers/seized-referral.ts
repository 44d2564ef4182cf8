// A seizure with one referral to a prosecutor, seeded straight in the database
// (a history shipment inspected and seized three days ago), for tests of the
// overdue-referral sweep: `due` is an SQL interval from now, e.g. '-1 day'
// (overdue already) or '1 day' (due tomorrow).
import type { Pool } from "../../core/db/pool.js";

export async function seedSeizedReferral(pool: Pool, unitId: string, options: { billOfLading: string; due: string }): Promise<string> {
  const seeded = await pool.query<{ id: string }>(
    `WITH s AS (INSERT INTO shipment (id, unit_id, source, line_no, bill_of_lading, external_ref)
                VALUES (gen_random_uuid(), $1, 'history', 1, $2, $2) RETURNING id),
          i AS (INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at)
                SELECT gen_random_uuid(), s.id, $1, 'seizure', '{scan}', now() - interval '3 days' FROM s RETURNING id, shipment_id),
          z AS (INSERT INTO seizure (id, unit_id, inspection_id, shipment_id, commodity, quantity, quantity_unit, concealment, detection_method, agencies, seized_at)
                SELECT gen_random_uuid(), $1, i.id, i.shipment_id, 'heroin', 5, 'kg', 'in_cargo', 'canine', '{}', now() - interval '3 days' FROM i RETURNING id)
     INSERT INTO referral (id, seizure_id, unit_id, recipient_kind, recipient_name, due_at, last_update_at)
     SELECT gen_random_uuid(), z.id, $1, 'prosecutor', 'Prosecutor', now() + $3::interval, now() - interval '3 days' FROM z RETURNING id`,
    [unitId, options.billOfLading, options.due],
  );
  return seeded.rows[0]!.id;
}
