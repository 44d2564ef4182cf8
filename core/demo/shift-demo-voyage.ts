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

/**
 * The whole days to add to a voyage so it arrives DEMO_ARRIVAL_LEAD_DAYS after
 * `now`'s day; fewer (down to arriving today) while that would put its filing
 * or amendment after `now`, since a manifest is not filed in the future.
 */
export function demoShiftDays(manifest: Pick<ManifestInput, "arrivalDate" | "manifestFiledAt" | "manifestAmendedAt">, now: Date): number {
  const today = utcDay(now);
  let days = Math.round((today - Date.parse(manifest.arrivalDate)) / DAY) + DEMO_ARRIVAL_LEAD_DAYS;
  const recorded = [manifest.manifestFiledAt, manifest.manifestAmendedAt].flatMap((t) => (t ? [Date.parse(t)] : []));
  const latest = recorded.length > 0 ? Math.max(...recorded) : -Infinity;
  for (let lead = DEMO_ARRIVAL_LEAD_DAYS; lead > 0 && latest + days * DAY > now.getTime(); lead--) days--;
  return days;
}

/** The voyage moved so it arrives in the next days (demoShiftDays); a new object, the input is left as it is. */
export function shiftDemoVoyage(manifest: ManifestInput, now: Date): ManifestInput {
  const days = demoShiftDays(manifest, now);
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
