// The queue's counts answer also says how many of the unit's containers wait
// in a re-score after a profile change (rescore_chunk): until their chunk runs
// they keep the previous verdict, which these counts, the rows and the voyage
// board show. Unit-wide whatever the filters, so an officer who has not chosen
// a manifest learns of it on the board's first read, without another request.
// The count is one read of the unit's chunk rows by their (unit) index, not of
// the containers: nothing to read when no re-score is under way.
import type { UnitScope } from "../auth/principal.js";
import { rescoringCount } from "../scoring/rescore-chunks.js";
import type { QueueFilters } from "../shipments/queue-filters.js";
import type { Services } from "../services.js";
import { queueCounts, type QueueCounts } from "./queue-overview.js";

export interface QueueCountsAnswer extends QueueCounts {
  /** Containers of the unit (not only of this view) waiting in a re-score, shown with their previous score and band. */
  rescoring: number;
}

export async function queueCountsWithRescoring(services: Pick<Services, "pool" | "now">, unit: UnitScope, filters: QueueFilters): Promise<QueueCountsAnswer> {
  const [counts, rescoring] = await Promise.all([queueCounts(services, unit, filters), rescoringCount(services.pool, unit.id)]);
  return { ...counts, rescoring };
}
