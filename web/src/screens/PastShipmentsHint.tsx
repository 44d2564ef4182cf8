// The search hint when the number is only on the unit's past shipments (its
// history: never scored nor queued; API reason inHistoryOnly): it says so,
// then links each one's page (its inspections, and for officers its seizures
// and their referrals), so the officer who followed a container from the
// Referrals list is not told the unit never had it.
import { LiveRegion } from "../a11y.js";
import { useApp } from "../context.js";
import type { SearchHint } from "../search-hint.js";
import { Link } from "../ui.js";

/** A past shipment (no scoring state) the search found outside the queue (core/shipments/past-shipments.ts). */
export interface PastShipment {
  id: string;
  containerNumber: string | null;
  billOfLading: string;
  arrivalDate: string | null;
  manifestRef: string | null;
}

export interface InHistoryHint extends SearchHint {
  reason: "inHistoryOnly";
  pastMatches?: number;
  pastMatchesCapped?: boolean;
  pastShipments?: PastShipment[];
}

export const isInHistoryHint = (hint: SearchHint): hint is InHistoryHint => hint.reason === "inHistoryOnly";

export function PastShipmentsHint({ code, hint }: { code: string; hint: InHistoryHint }) {
  const { t, fmt } = useApp();
  const past = hint.pastShipments ?? [];
  const n = hint.pastMatches ?? past.length;
  const more = n - past.length;
  const values = { search: hint.search ?? "", n, capped: String(hint.pastMatchesCapped === true) };
  return (
    <>
      {/* A plain hint, as the queue's other "why nothing" hints: not the green of a success. */}
      <LiveRegion role="status" as="p" className="hint" testId="search-hint-text">
        {t(hint.field === "billOfLading" ? "queue.hint.inHistoryOnly.billOfLading" : "queue.hint.inHistoryOnly.containerNumber", values)}
      </LiveRegion>
      <ul className="past-shipments" data-testid="past-shipments">
        {past.map((p) => (
          <li key={p.id}>
            <Link to={`/units/${code}/shipments/${p.id}`}>
              {t("queue.hint.pastShipment", { container: p.containerNumber ?? "—", bl: p.billOfLading, date: p.arrivalDate ? fmt.date(p.arrivalDate) : "—" })}
            </Link>
          </li>
        ))}
      </ul>
      {more > 0 && <p className="count">{t("queue.hint.morePast", { n: more })}</p>}
    </>
  );
}
