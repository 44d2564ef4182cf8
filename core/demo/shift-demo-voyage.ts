// The demo's voyages are fixtures with fixed dates, which age: a month after
// they were written every voyage had arrived and the officers' triage board
// (vessels and flights arriving in the next 72 hours) was empty. At load time
// each voyage is moved by a whole number of days so it arrives in the next
// days, as plan-demo-year.ts counts its year back from today. Every date of
// the manifest moves by the same days, so their order and the gaps the
// profiles read (booking to departure, filing to arrival) stay as written.
import type { ManifestInput } from "../manifests/manifest-schema.js";

const DAY = 86_400_000;

/** Days from today (UTC) to a demo voyage's arrival, when its filing allows it. */
export const DEMO_ARRIVAL_LEAD_DAYS = 2;

const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
const shiftDate = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
// Keeps the written form's precision and its "Z": the fixtures' date-times are in UTC.
const shiftDateTime = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().replace(".000Z", "Z");

type Dated = Pick<ManifestInput, "arrivalDate" | "manifestFiledAt" | "manifestAmendedAt"> & Partial<Pick<ManifestInput, "departureDate" | "portOfLoading" | "portOfDischarge">>;

/**
 * The day a unit's board shows the voyage by: its departure when it is an
 * export the unit screens (loaded at `unitLocode`, discharged elsewhere), as
 * core/triage/queue-overview.ts reads it; its arrival otherwise.
 */
function boardDay(manifest: Dated, unitLocode: string | undefined): string {
  const exported = unitLocode !== undefined && manifest.portOfLoading === unitLocode && manifest.portOfDischarge !== unitLocode;
  return exported && manifest.departureDate ? manifest.departureDate : manifest.arrivalDate;
}

/**
 * The whole days to add to a voyage so it is on the unit's board
 * DEMO_ARRIVAL_LEAD_DAYS after `now`'s day (an import by its arrival, an
 * export by its departure); fewer (down to today) while that would put its
 * filing or amendment after `now`, since a manifest is not filed in the future.
 */
export function demoShiftDays(manifest: Dated, now: Date, unitLocode?: string): number {
  const today = utcDay(now);
  let days = Math.round((today - Date.parse(boardDay(manifest, unitLocode))) / DAY) + DEMO_ARRIVAL_LEAD_DAYS;
  const recorded = [manifest.manifestFiledAt, manifest.manifestAmendedAt].flatMap((t) => (t ? [Date.parse(t)] : []));
  const latest = recorded.length > 0 ? Math.max(...recorded) : -Infinity;
  for (let lead = DEMO_ARRIVAL_LEAD_DAYS; lead > 0 && latest + days * DAY > now.getTime(); lead--) days--;
  return days;
}

/** The voyage moved so it is on the unit's board in the next days (demoShiftDays); a new object, the input is left as it is. */
export function shiftDemoVoyage(manifest: ManifestInput, now: Date, unitLocode?: string): ManifestInput {
  const days = demoShiftDays(manifest, now, unitLocode);
  if (days === 0) return manifest;
  return {
    ...manifest,
    arrivalDate: shiftDate(manifest.arrivalDate, days),
    ...(manifest.departureDate ? { departureDate: shiftDate(manifest.departureDate, days) } : {}),
    ...(manifest.manifestFiledAt ? { manifestFiledAt: shiftDateTime(manifest.manifestFiledAt, days) } : {}),
    ...(manifest.manifestAmendedAt ? { manifestAmendedAt: shiftDateTime(manifest.manifestAmendedAt, days) } : {}),
    shipments: manifest.shipments.map((s) => (s.bookingDate ? { ...s, bookingDate: shiftDate(s.bookingDate, days) } : s)),
  };
}
