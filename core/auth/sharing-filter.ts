// Who may read an inspection or a seizure, and so the referrals, notices and
// summaries that come from a seizure: the one sharing rule, as SQL, used by
// every query that returns or counts such records (a record's own route,
// lists, searches, summaries and their CSV exports, the dashboard, alerts).
//
// - unit level: the record's unit must be one the reader works with (their
//   unit, or for a manager the units of their unit, country or programme
//   scope: principal.ts decides which, the caller passes them);
// - agency level: a record shared `agency` reaches members of its owning
//   agency only; `unit` reaches every agency of the unit;
// - beyond the unit (alerts to other units of the programme): only records
//   shared `unit` may travel.

/** The reader: the agency their user belongs to. */
export interface SharingViewer {
  agencyId: string;
}

/** The agency rule alone, for a row `alias` and a SQL expression giving the reader's agency id. */
const agencyRule = (alias: string, agency: string) => `(${alias}.sharing = 'unit' OR ${alias}.owner_agency_id = ${agency})`;

/**
 * SQL condition: the row `alias` (inspection or seizure) is visible to the
 * agency bound to parameter `$agencyParam`. For a unit's own routes, which
 * already restrict `alias.unit_id` to the route's unit.
 */
export const visibleTo = (alias: string, agencyParam: number) => agencyRule(alias, `$${agencyParam}`);

/**
 * SQL condition over several units (summaries, exports): the row `alias` is
 * in one of the units bound to `$unitsParam` (uuid[]) and visible to the
 * agency bound to `$agencyParam`.
 */
export const visibleInUnits = (alias: string, unitsParam: number, agencyParam: number) =>
  `(${alias}.unit_id = ANY($${unitsParam}::uuid[]) AND ${agencyRule(alias, `$${agencyParam}`)})`;

/** SQL condition: the row `alias` may be shown to other units (alerts, shared seizure reports). */
export const sharedBeyondUnit = (alias: string) => `(${alias}.sharing = 'unit')`;

/**
 * SQL condition: the notification `alias` may be shown to the agency bound to
 * `$agencyParam`: a notice about a referral (overdue) follows its seizure.
 */
export const notificationVisibleTo = (alias: string, agencyParam: number) =>
  `(${alias}.entity_type <> 'referral' OR EXISTS (SELECT 1 FROM referral nr JOIN seizure nz ON nz.id = nr.seizure_id
     WHERE nr.id = ${alias}.entity_id AND ${visibleTo("nz", agencyParam)}))`;

/** The agency rule as a Prisma filter, for the few reads done through Prisma. */
export const visibleWhere = (viewer: SharingViewer) => ({ OR: [{ sharing: "unit" as const }, { ownerAgencyId: viewer.agencyId }] });
