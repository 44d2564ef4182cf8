// Use case: the unit's manifests, latest arrival first, a page at a time
// (keyset on arrival day, time received and id, like the queue's nextCursor),
// each with its state. The first page also says how many manifests there are
// and how many of them failed to store their containers, so a failed one
// beyond the page is never hidden from the officer. Each says whether any of
// its containers is in the queue (inQueue), which a past voyage's never is.
import type { UnitScope } from "../auth/principal.js";
import { validationFailed } from "../errors.js";
import { isUuid } from "../ids.js";
import type { Services } from "../services.js";
import type { VersionScope } from "./manifest-versions.js";
import { manifestStates } from "./staged-manifests.js";

interface After {
  arrivalDate: Date;
  receivedAt: Date;
  id: string;
}

const encodeCursor = (m: After) => Buffer.from(JSON.stringify([m.arrivalDate.toISOString().slice(0, 10), m.receivedAt.toISOString(), m.id])).toString("base64url");

function decodeCursor(text: string): After {
  const refused = validationFailed([{ path: "query.cursor", message: "not a cursor returned by this API" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw refused;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw refused;
  const [day, received, id] = parsed as unknown[];
  if (typeof day !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(day) || typeof received !== "string" || typeof id !== "string" || !isUuid(id)) throw refused;
  const after = { arrivalDate: new Date(`${day}T00:00:00Z`), receivedAt: new Date(received), id };
  if (Number.isNaN(after.arrivalDate.getTime()) || Number.isNaN(after.receivedAt.getTime())) throw refused;
  return after;
}

export async function listManifests(
  services: Pick<Services, "prisma" | "pool">,
  unit: UnitScope,
  query: { limit: number; versions?: VersionScope; cursor?: string | undefined },
) {
  const versions = query.versions ?? "current";
  const scope = versions === "all" ? { unitId: unit.id } : { unitId: unit.id, supersededAt: null, cancelledAt: null };
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const manifests = await services.prisma.manifest.findMany({
    where: after
      ? {
          ...scope,
          OR: [
            { arrivalDate: { lt: after.arrivalDate } },
            { arrivalDate: after.arrivalDate, receivedAt: { lt: after.receivedAt } },
            { arrivalDate: after.arrivalDate, receivedAt: after.receivedAt, id: { lt: after.id } },
          ],
        }
      : scope,
    orderBy: [{ arrivalDate: "desc" }, { receivedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: { id: true, manifestRef: true, vesselName: true, flightNumber: true, portOfLoading: true, portOfDischarge: true, arrivalDate: true, shipmentCount: true, receivedAt: true, version: true, supersededAt: true, cancelledAt: true },
  });
  const page = manifests.slice(0, query.limit);
  const last = page[page.length - 1];
  // Each with its state, as GET of the manifest gives it: the manifests screen shows one still expanding or failed.
  const ids = page.map((m) => m.id);
  const [states, queued, counts] = await Promise.all([manifestStates(services.pool, ids), inQueue(services, ids), after ? null : countManifests(services, unit, versions)]);
  return {
    unitCode: unit.code,
    items: page.map((m) => ({ ...m, arrivalDate: m.arrivalDate.toISOString().slice(0, 10), ...(states.get(m.id) ?? { state: "stored" as const }), inQueue: queued.has(m.id) })),
    /** On the first page: every manifest listed in this scope, and how many of them failed (later pages: null). */
    total: counts?.total ?? null,
    failed: counts?.failed ?? null,
    nextCursor: manifests.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/**
 * The manifests with a container in the officers' queue (a scoring state): not
 * a past voyage of the unit's history (its shipments were never scored) nor a
 * staged manifest before its first rows. The queue's manifest filter offers
 * these only, since any other has no row there. One probe each of 0025's
 * scoring_state_manifest_queue index.
 */
async function inQueue(services: Pick<Services, "pool">, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await services.pool.query<{ id: string }>(
    "SELECT m.id FROM unnest($1::uuid[]) AS m(id) WHERE EXISTS (SELECT 1 FROM scoring_state st WHERE st.manifest_id = m.id)",
    [ids],
  );
  return new Set(result.rows.map((r) => r.id));
}

async function countManifests(services: Pick<Services, "pool">, unit: UnitScope, versions: VersionScope) {
  const inForce = versions === "all" ? "" : "AND m.superseded_at IS NULL AND m.cancelled_at IS NULL";
  const counted = await services.pool.query<{ total: number; failed: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE st.failed_at IS NOT NULL)::int AS failed
       FROM manifest m LEFT JOIN manifest_staged st ON st.manifest_id = m.id
      WHERE m.unit_id = $1 ${inForce}`,
    [unit.id],
  );
  return counted.rows[0]!;
}
