// The unit's shipments that alerts from other units matched: all of them
// (the alerts screen, with the alert each matched), or one alert's.
import { ScrollRegion } from "../../a11y.js";
import { useApp } from "../../context.js";
import { useApi } from "../../server-state.js";
import { ColumnHeads } from "../../table.js";
import { Link, ListStates } from "../../ui.js";
import { alertPath, type Match } from "./alert-data.js";
import { SubjectLine } from "./alert-parts.js";

/** `withAlert`: a column names the alert that matched each shipment. */
export function MatchedShipmentsTable({ matches, label, testId, withAlert = false }: { matches: Match[]; label: string; testId: string; withAlert?: boolean }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const columns = [t("col.container"), t("col.bl"), t("col.arrival"), ...(withAlert ? [t("alerts.alert")] : []), t("alerts.matchedAt")];
  return (
    <ScrollRegion label={label}>
      <table data-testid={testId}>
        <ColumnHeads labels={columns} />
        <tbody>
          {matches.map((m) => (
            <tr key={withAlert ? `${m.reason.alertId}/${m.shipmentId}` : m.shipmentId}>
              <td>
                <Link to={`/units/${code}/shipments/${m.shipmentId}`}>{m.containerNumber ?? m.billOfLading}</Link>
              </td>
              <td>{m.billOfLading}</td>
              <td>{fmt.date(m.arrivalDate)}</td>
              {withAlert && (
                <td>
                  <Link to={alertPath(code, m.reason.alertId)}>
                    {t("alerts.from", { unit: m.reason.fromUnit })}: <SubjectLine subject={m.reason.subject} />
                  </Link>
                </td>
              )}
              <td>{fmt.dateTime(m.matchedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** GET /alert-matches: every shipment of the unit that an alert from another unit matched. */
export function AlertMatches() {
  const { t, unit } = useApp();
  const code = unit!.code;
  const list = useApi<{ items: Match[] }>(`/v1/units/${code}/alert-matches?limit=100`);
  return (
    <section className="card" aria-labelledby="matches-h">
      <h2 id="matches-h">{t("alerts.matches")}</h2>
      <ListStates list={list} empty={t("alerts.noMatches")} />
      {list.data && list.data.items.length > 0 && <MatchedShipmentsTable matches={list.data.items} label={t("alerts.matches")} testId="alert-matches" withAlert />}
    </section>
  );
}
