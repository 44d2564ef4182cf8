// The unit's shipments that alerts from other units matched: all of them
// (the alerts screen, with the alert each matched), or one alert's.
import { useMemo } from "react";
import { ScrollRegion } from "../../a11y.js";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import type { DataColumn } from "../../data-table/columns.js";
import { useApi } from "../../server-state.js";
import { Link, ListStates } from "../../ui.js";
import { alertPath, type Match } from "./alert-data.js";
import { SubjectLine } from "./alert-parts.js";

/** `withAlert`: a column names the alert that matched each shipment. */
export function MatchedShipmentsTable({ matches, label, testId, withAlert = false }: { matches: Match[]; label: string; testId: string; withAlert?: boolean }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const columns = useMemo<DataColumn<Match>[]>(
    () => [
      {
        id: "container",
        header: t("col.container"),
        sortValue: (m) => m.containerNumber ?? m.billOfLading,
        cell: (m) => <Link to={`/units/${code}/shipments/${m.shipmentId}`}>{m.containerNumber ?? m.billOfLading}</Link>,
      },
      { id: "bl", header: t("col.bl"), sortValue: (m) => m.billOfLading, cell: (m) => m.billOfLading },
      { id: "arrival", header: t("col.arrival"), sortValue: (m) => m.arrivalDate, cell: (m) => fmt.date(m.arrivalDate) },
      ...(withAlert
        ? [
            {
              id: "alert",
              header: t("alerts.alert"),
              sortValue: (m: Match) => m.reason.fromUnit,
              cell: (m: Match) => (
                <Link to={alertPath(code, m.reason.alertId)}>
                  {t("alerts.from", { unit: m.reason.fromUnit })}: <SubjectLine subject={m.reason.subject} />
                </Link>
              ),
            },
          ]
        : []),
      { id: "matchedAt", header: t("alerts.matchedAt"), descFirst: true, sortValue: (m) => m.matchedAt, cell: (m) => fmt.dateTime(m.matchedAt) },
    ],
    [t, fmt, code, withAlert],
  );
  return (
    <ScrollRegion label={label}>
      <DataTable
        rows={matches}
        columns={columns}
        rowKey={(m) => (withAlert ? `${m.reason.alertId}/${m.shipmentId}` : m.shipmentId)}
        testId={testId}
        sortLabel={(column) => t("table.sortBy", { column })}
      />
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
