// The alerts the unit sent: to whom, who acknowledged them, how many replies.
import { useMemo } from "react";
import { ScrollRegion } from "../../a11y.js";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import type { DataColumn } from "../../data-table/columns.js";
import { useApi } from "../../server-state.js";
import { Link, ListStates } from "../../ui.js";
import { alertPath, type Alert } from "./alert-data.js";
import { RecipientList, SubjectLine } from "./alert-parts.js";

export function SentAlerts() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const list = useApi<{ items: Alert[] }>(`/v1/units/${code}/alerts?box=sent`);
  const columns = useMemo<DataColumn<Alert>[]>(
    () => [
      { id: "date", header: t("alerts.date"), descFirst: true, sortValue: (a) => a.createdAt, cell: (a) => fmt.dateTime(a.createdAt) },
      {
        id: "subject",
        header: t("alerts.subject"),
        cell: (a) => (
          <Link to={alertPath(code, a.id)}>
            <SubjectLine subject={a.subject} />
          </Link>
        ),
      },
      { id: "message", header: t("alerts.message"), cell: (a) => a.message },
      { id: "recipients", header: t("alerts.recipients"), cell: (a) => <RecipientList recipients={a.recipients} /> },
      { id: "replies", header: t("alerts.repliesCol"), numeric: true, descFirst: true, sortValue: (a) => a.replyCount, cell: (a) => fmt.number(a.replyCount, 0) },
    ],
    [t, fmt, code],
  );
  return (
    <section className="card" aria-labelledby="sent-h">
      <h2 id="sent-h">{t("alerts.sentBox")}</h2>
      <ListStates list={list} empty={t("alerts.noSent")} />
      {list.data && list.data.items.length > 0 && (
        <ScrollRegion label={t("alerts.sentBox")}>
          <DataTable rows={list.data.items} columns={columns} rowKey={(a) => a.id} testId="sent-alerts" sortLabel={(column) => t("table.sortBy", { column })} />
        </ScrollRegion>
      )}
    </section>
  );
}
