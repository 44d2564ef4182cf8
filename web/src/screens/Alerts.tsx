// Officers and analysts: the unit's notifications (mark read), alerts from
// other units (acknowledge, reply), alerts the unit sent, and a form to alert
// other units about a container, bill of lading, party or route.
import { useState, type FormEvent } from "react";
import { get, post } from "../api.js";
import { SUBJECT_KINDS, subjectOf, subjectText, unitCodes, type SubjectKind } from "../alerts.js";
import { useApp, useAsync } from "../context.js";
import { Empty, ErrorMessage, Field, Loading, Notice } from "../ui.js";

interface Notification {
  id: string;
  kind: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}
interface Alert {
  id: string;
  fromUnit: string;
  subject: Record<string, string | undefined> & { kind: string };
  message: string;
  createdAt: string;
  recipients: { unitCode: string; acknowledgedAt: string | null }[] | null;
  replyCount: number;
  matchedShipments?: number;
}

export function Alerts() {
  const { t, unit } = useApp();
  const code = unit!.code;
  const [tick, setTick] = useState(0);
  const refresh = () => setTick((n) => n + 1);
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t("alerts.title", { unit: code })}</h1>
      <Notifications tick={tick} />
      <Inbox tick={tick} onChange={refresh} />
      <SendAlert onSent={refresh} />
      <Sent tick={tick} />
    </section>
  );
}

function Notifications({ tick }: { tick: number }) {
  const { t, fmt, unit } = useApp();
  const base = `/v1/units/${unit!.code}/notifications`;
  const list = useAsync(() => get<{ items: Notification[] }>(`${base}?limit=50`), [base, tick]);
  const [error, setError] = useState<Error | null>(null);
  return (
    <section className="card" aria-labelledby="notif-h">
      <h2 id="notif-h">{t("alerts.notifications")}</h2>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={list.reload} />}
      {error && <ErrorMessage error={error} />}
      {list.data && list.data.items.length === 0 && <Empty>{t("alerts.noNotifications")}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <ul className="plain" data-testid="notifications">
          {list.data.items.map((n) => (
            <li key={n.id} className={n.readAt ? "read" : "unread"} data-testid="notification">
              <span className="when">{fmt.dateTime(n.createdAt)}</span> {n.message}{" "}
              {n.readAt ? (
                <span className="tag">{t("alerts.read")}</span>
              ) : (
                <button type="button" className="inline" onClick={() => void post(`${base}/${n.id}/read`).then(list.reload, (e: unknown) => setError(e as Error))}>
                  {t("alerts.markRead")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Inbox({ tick, onChange }: { tick: number; onChange: () => void }) {
  const { t, unit } = useApp();
  const base = `/v1/units/${unit!.code}/alerts`;
  const list = useAsync(() => get<{ items: Alert[] }>(`${base}?box=inbox`), [base, tick]);
  return (
    <section className="card" aria-labelledby="inbox-h">
      <h2 id="inbox-h">{t("alerts.inbox")}</h2>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t("alerts.noAlerts")}</Empty>}
      {list.data?.items.map((alert) => <ReceivedAlert key={alert.id} alert={alert} onChange={onChange} />)}
    </section>
  );
}

function ReceivedAlert({ alert, onChange }: { alert: Alert; onChange: () => void }) {
  const { t, fmt, unit } = useApp();
  const base = `/v1/units/${unit!.code}/alerts/${alert.id}`;
  const mine = alert.recipients?.find((r) => r.unitCode === unit!.code);
  const [reply, setReply] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>, message: string) => {
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(message);
      onChange();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const headingId = `alert-${alert.id}`;
  return (
    <article className="alert-item" aria-labelledby={headingId} data-testid="received-alert">
      <h3 id={headingId}>
        {t("alerts.from", { unit: alert.fromUnit })}: {t(`alerts.kind.${alert.subject.kind}`)} <code>{subjectText(alert.subject)}</code>
      </h3>
      <p className="meta">
        {fmt.dateTime(alert.createdAt)} · {t("alerts.replies", { n: fmt.number(alert.replyCount, 0) })}
        {alert.matchedShipments !== undefined && <> · {t("alerts.matched", { n: fmt.number(alert.matchedShipments, 0) })}</>}
      </p>
      <p>{alert.message}</p>
      {error && <ErrorMessage error={error} />}
      {notice && <Notice>{notice}</Notice>}
      <div className="actions">
        {mine?.acknowledgedAt ? (
          <span className="tag state-active" data-testid="acknowledged">
            {t("alerts.acknowledgedAt", { at: fmt.dateTime(mine.acknowledgedAt) })}
          </span>
        ) : (
          <button type="button" onClick={() => void act(() => post(`${base}/acknowledge`), t("alerts.acknowledgedNotice"))}>
            {t("alerts.acknowledge")}
          </button>
        )}
      </div>
      <form
        className="reply"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await post(`${base}/replies`, { message: reply });
            setReply("");
          }, t("alerts.replied"));
        }}
      >
        <Field label={t("alerts.reply")}>
          <textarea rows={2} required value={reply} onChange={(e) => setReply(e.target.value)} />
        </Field>
        <button type="submit" disabled={!reply.trim()}>
          {t("alerts.sendReply")}
        </button>
      </form>
    </article>
  );
}

function SendAlert({ onSent }: { onSent: () => void }) {
  const { t, unit } = useApp();
  const [kind, setKind] = useState<SubjectKind>("container");
  const [fields, setFields] = useState({ value: "", country: "", to: "" });
  const [message, setMessage] = useState("");
  const [recipients, setRecipients] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await post(`/v1/units/${unit!.code}/alerts`, { subject: subjectOf(kind, fields), message: message.trim(), recipients: unitCodes(recipients) });
      setNotice(t("alerts.sent"));
      setFields({ value: "", country: "", to: "" });
      setMessage("");
      setRecipients("");
      onSent();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  const valueLabel = kind === "container" ? t("alerts.containerNumber") : kind === "bill_of_lading" ? t("alerts.billOfLading") : kind === "party" ? t("alerts.partyName") : t("alerts.portOfLoading");
  return (
    <section className="card" aria-labelledby="send-h">
      <h2 id="send-h">{t("alerts.send")}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="form-grid">
          <Field label={t("alerts.subjectKind")}>
            <select value={kind} onChange={(e) => setKind(e.target.value as SubjectKind)}>
              {SUBJECT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`alerts.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={valueLabel}>
            <input required value={fields.value} onChange={(e) => setFields((f) => ({ ...f, value: e.target.value }))} />
          </Field>
          {kind === "party" && (
            <Field label={t("alerts.partyCountry")}>
              <input value={fields.country} maxLength={2} onChange={(e) => setFields((f) => ({ ...f, country: e.target.value }))} />
            </Field>
          )}
          {kind === "route" && (
            <Field label={t("alerts.portOfDischarge")}>
              <input required value={fields.to} onChange={(e) => setFields((f) => ({ ...f, to: e.target.value }))} />
            </Field>
          )}
          <Field label={t("alerts.recipients")}>
            <input required value={recipients} onChange={(e) => setRecipients(e.target.value)} aria-describedby="recipients-help" />
          </Field>
        </div>
        <p id="recipients-help" className="help">
          {t("alerts.recipientsHelp")}
        </p>
        <Field label={t("alerts.message")}>
          <textarea rows={3} required maxLength={4000} value={message} onChange={(e) => setMessage(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy}>
          {t("alerts.sendButton")}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
      {notice && <Notice>{notice}</Notice>}
    </section>
  );
}

function Sent({ tick }: { tick: number }) {
  const { t, fmt, unit } = useApp();
  const list = useAsync(() => get<{ items: Alert[] }>(`/v1/units/${unit!.code}/alerts?box=sent`), [unit, tick]);
  return (
    <section className="card" aria-labelledby="sent-h">
      <h2 id="sent-h">{t("alerts.sentBox")}</h2>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t("alerts.noSent")}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div className="scroll">
          <table data-testid="sent-alerts">
            <thead>
              <tr>
                <th scope="col">{t("alerts.date")}</th>
                <th scope="col">{t("alerts.subject")}</th>
                <th scope="col">{t("alerts.message")}</th>
                <th scope="col">{t("alerts.recipients")}</th>
                <th scope="col">{t("alerts.repliesCol")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <td>{fmt.dateTime(a.createdAt)}</td>
                  <td>
                    {t(`alerts.kind.${a.subject.kind}`)} <code>{subjectText(a.subject)}</code>
                  </td>
                  <td>{a.message}</td>
                  <td>
                    <ul className="reasons">
                      {(a.recipients ?? []).map((r) => (
                        <li key={r.unitCode}>
                          {r.unitCode}: {r.acknowledgedAt ? t("alerts.acknowledgedAt", { at: fmt.dateTime(r.acknowledgedAt) }) : t("alerts.notAcknowledged")}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="num">{fmt.number(a.replyCount, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
