// Alerts from other units: each with its sender, subject and message, to
// acknowledge and reply to where it stands.
import { useApp } from "../../context.js";
import { useApi } from "../../server-state.js";
import { Link, ListStates } from "../../ui.js";
import { alertPath, type Alert } from "./alert-data.js";
import { AcknowledgeAction, ActionMessages, ReplyForm, SubjectLine, useAlertActions } from "./alert-parts.js";

export function AlertInbox({ onChange }: { onChange: () => void }) {
  const { t, unit } = useApp();
  const base = `/v1/units/${unit!.code}/alerts`;
  const list = useApi<{ items: Alert[] }>(`${base}?box=inbox`);
  return (
    <section className="card" aria-labelledby="inbox-h">
      <h2 id="inbox-h">{t("alerts.inbox")}</h2>
      <ListStates list={list} empty={t("alerts.noAlerts")} />
      {list.data?.items.map((alert) => <ReceivedAlert key={alert.id} alert={alert} onChange={onChange} />)}
    </section>
  );
}

function ReceivedAlert({ alert, onChange }: { alert: Alert; onChange: () => void }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const actions = useAlertActions(`/v1/units/${code}/alerts/${alert.id}`, onChange);
  const mine = alert.recipients?.find((r) => r.unitCode === code);
  const headingId = `alert-${alert.id}`;
  return (
    <article className="alert-item" aria-labelledby={headingId} data-testid="received-alert">
      <h3 id={headingId}>
        <Link to={alertPath(code, alert.id)}>
          {t("alerts.from", { unit: alert.fromUnit })}: <SubjectLine subject={alert.subject} />
        </Link>
      </h3>
      <p className="meta">
        {fmt.dateTime(alert.createdAt)} · {t("alerts.replies", { n: fmt.number(alert.replyCount, 0) })}
        {alert.matchedShipments !== undefined && <> · {t("alerts.matched", { n: fmt.number(alert.matchedShipments, 0) })}</>}
        {alert.seizureId && <> · {t("alerts.withSeizure")}</>}
      </p>
      <p>{alert.message}</p>
      <ActionMessages state={actions.state} />
      <AcknowledgeAction mine={mine} actions={actions} />
      <ReplyForm actions={actions} className="reply" rows={2} />
    </article>
  );
}
