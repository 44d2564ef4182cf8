// How many of a unit's shipments the queue's filters select: the first page's
// total, and the search hint's "matches without the other filters".
import type { Services } from "../services.js";
import { CUTOFF_JOIN_SQL } from "../triage/band-cutoffs.js";
import { queueWhere, type QueueFilters } from "./queue-filters.js";

/** `cap` stops counting there (a hint needs to know "some", not to read the whole unit). */
export async function countQueue(services: Pick<Services, "pool">, unitId: string, filters: QueueFilters, cap?: number): Promise<number> {
  const { clauses, params } = queueWhere(unitId, filters);
  const selected = `SELECT 1 FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id ${CUTOFF_JOIN_SQL} WHERE ${clauses.join(" AND ")}`;
  const result = await services.pool.query<{ n: string }>(
    cap === undefined ? `SELECT count(*) AS n FROM (${selected}) x` : `SELECT count(*) AS n FROM (${selected} LIMIT ${Math.floor(cap)}) x`,
    params,
  );
  return Number(result.rows[0]?.n ?? 0);
}
