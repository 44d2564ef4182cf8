// The alerts the unit sent: to whom, who acknowledged them, how many replies.
import { ScrollRegion } from "../../a11y.js";
import { useApp } from "../../context.js";
import { useApi } from "../../server-state.js";
import { ColumnHeads } from "../../table.js";
import { Link, ListStates } from "../../ui.js";
import { alertPath, type Alert } from "./alert-data.js";
import { RecipientList, SubjectLine } from "./alert-parts.js";

export function SentAlerts() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const list = useApi<{ items: Alert[] }>(`/v1/units/${code}/alerts?box=sent`);
  return (
    <section className="card" aria-labelledby="sent-h">
      <h2 id="sent-h">{t("alerts.sentBox")}</h2>
      <ListStates list={list} empty={t("alerts.noSent")} />
      {list.data && list.data.items.length > 0 && (
        <ScrollRegion label={t("alerts.sentBox")}>
          <table data-testid="sent-alerts">
            <ColumnHeads labels={[t("alerts.date"), t("alerts.subject"), t("alerts.message"), t("alerts.recipients"), t("alerts.repliesCol")]} />
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <td>{fmt.dateTime(a.createdAt)}</td>
                  <td>
                    <Link to={alertPath(code, a.id)}>
                      <SubjectLine subject={a.subject} />
                    </Link>
                  </td>
                  <td>{a.message}</td>
                  <td>
                    <RecipientList recipients={a.recipients} />
                  </td>
                  <td className="num">{fmt.number(a.replyCount, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
