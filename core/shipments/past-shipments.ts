// The unit's past shipments a queue search would have found: shipments with
// no scoring state (the imported history and the demo's year of work), which
// are never scored nor queued but have their own page (inspections, seizures
// and their referrals, each as its sharing allows). The search hint names them when the queue has none, so that an
// officer who followed a container from a referral is told where it is.
import { startingWith } from "../db/like-pattern.js";
import type { Services } from "../services.js";

export interface PastShipment {
  id: string;
  containerNumber: string | null;
  billOfLading: string;
  /** YYYY-MM-DD, or null when the record had none. */
  arrivalDate: string | null;
  manifestRef: string | null;
}

/** Matches read through the number's index, at most: a prefix shared by more is answered "this many or more". */
export const PAST_MATCH_CAP = 1000;
/** The past shipments named in a hint, the first in number order (an exact number first). */
export const PAST_SHOWN = 5;

/**
 * Past shipments of the unit whose container number (or master or house bill
 * of lading) starts with `prefix`, in number order, and how many there are up
 * to PAST_MATCH_CAP. Each branch reads at most the cap through its prefix
 * index (0020_triage) before the scoring state is checked, so a short prefix
 * over years of history stays bounded.
 */
export async function pastShipments(services: Pick<Services, "pool">, unitId: string, field: "containerNumber" | "billOfLading", prefix: string): Promise<{ items: PastShipment[]; matches: number; capped: boolean }> {
  const columns = field === "containerNumber" ? ["container_number"] : ["bill_of_lading", "house_bill_of_lading"];
  const branches = columns.map(
    (column) => `(SELECT s.id, s.${column} AS key FROM shipment s WHERE s.unit_id = $1 AND s.${column} LIKE $2 ORDER BY s.${column} USING ~<~ LIMIT ${PAST_MATCH_CAP + 1})`,
  );
  const result = await services.pool.query<{ id: string; container_number: string | null; bill_of_lading: string; arrival_date: string | null; manifest_ref: string | null; matches: number }>(
    `WITH found AS (SELECT DISTINCT ON (id) id, key FROM (${branches.join(" UNION ALL ")}) b),
          past AS (SELECT f.id, f.key FROM found f WHERE NOT EXISTS (SELECT 1 FROM scoring_state st WHERE st.shipment_id = f.id))
     SELECT s.id, s.container_number, s.bill_of_lading, to_char(COALESCE(s.arrival_date, m.arrival_date), 'YYYY-MM-DD') AS arrival_date,
            COALESCE(m.manifest_ref, s.voyage->>'manifestRef') AS manifest_ref,
            (SELECT count(*)::int FROM past) AS matches
       FROM past p JOIN shipment s ON s.id = p.id LEFT JOIN manifest m ON m.id = s.manifest_id
      ORDER BY p.key USING ~<~, COALESCE(s.arrival_date, m.arrival_date) DESC NULLS LAST, s.id
      LIMIT ${PAST_SHOWN}`,
    [unitId, startingWith(prefix)],
  );
  const matches = result.rows[0]?.matches ?? 0;
  return {
    items: result.rows.map((r) => ({ id: r.id, containerNumber: r.container_number, billOfLading: r.bill_of_lading, arrivalDate: r.arrival_date, manifestRef: r.manifest_ref })),
    matches: Math.min(matches, PAST_MATCH_CAP),
    capped: matches > PAST_MATCH_CAP,
  };
}
