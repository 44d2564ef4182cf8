// Use case: a manifest's voyage data and how far its scoring has come.
import { notFound } from "../errors.js";
import type { UnitScope } from "../auth/principal.js";
import type { Services } from "../services.js";
import { voyageView } from "./voyage-view.js";
import { isUuid } from "../ids.js";
import { manifestVersions } from "./manifest-versions.js";
import { manifestState } from "./staged-manifests.js";
import { rescoringCount } from "../scoring/rescore-chunks.js";

export async function getManifest(services: Pick<Services, "prisma" | "pool">, unit: UnitScope, manifestId: string) {
  if (!isUuid(manifestId)) throw notFound(`manifest ${manifestId}`);
  const manifest = await services.prisma.manifest.findFirst({ where: { id: manifestId, unitId: unit.id } });
  if (!manifest) throw notFound(`manifest ${manifestId}`);
  // The state before the counts: an expansion that commits between the two reads then shows as "expanding" with
  // the rows before it, never as "stored" with none (read in the other order under load, CI saw stored with 0 of 7).
  const state = await manifestState(services.pool, manifest.id);
  const counts = await services.pool.query<{ status: string; band: string | null; selected: boolean; n: number }>(
    `SELECT st.status, st.band, st.selected, count(*)::int AS n
       FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id
      WHERE s.manifest_id = $1 GROUP BY 1, 2, 3`,
    [manifest.id],
  );
  const byStatus: Record<string, number> = { pending: 0, scored: 0, failed: 0 };
  const byBand: Record<string, number> = { high: 0, medium: 0, low: 0, none: 0 };
  let selected = 0;
  for (const row of counts.rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
    if (row.status === "scored") byBand[row.band ?? "none"] = (byBand[row.band ?? "none"] ?? 0) + row.n;
    if (row.selected) selected += row.n;
  }
  const { id, ...voyage } = voyageView(manifest);
  return {
    id,
    unitCode: unit.code,
    ...voyage,
    receivedAt: manifest.receivedAt,
    shipmentCount: manifest.shipmentCount,
    // A large manifest is answered before its shipment rows are written (staged-manifests.ts): until then, only those written so far are stored and counted.
    // "failed" adds `failure` (reason: the last error, attempts, failedAt): the payload is kept until an operator's retry.
    ...state,
    shipmentsStored: counts.rows.reduce((sum, row) => sum + row.n, 0),
    // A re-score after an activation leaves its rows scored (their old verdict shown) until its chunk runs: `rescoring` counts them.
    counts: { byStatus, byBand, selected, rescoring: await rescoringCount(services.pool, unit.id, manifest.id) },
    // Replaced or cancelled: this version's containers left the queue and their pending scoring was dropped.
    version: manifest.version,
    previousVersionId: manifest.previousVersionId,
    supersededAt: manifest.supersededAt,
    cancelledAt: manifest.cancelledAt,
    inForce: manifest.supersededAt === null && manifest.cancelledAt === null,
    versions: await manifestVersions(services.pool, unit.id, manifest.manifestRef),
  };
}
