// Officers and analysts: the unit's notifications (mark read), alerts from
// other units (acknowledge, reply), the unit's shipments they match, alerts
// the unit sent, and a form to alert other units about a container, bill of
// lading, party or route, or to share a seizure report. One alert on its own
// page: its matched shipments, the replies thread and a reply form. The unread
// badge of the navigation lives here too.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { get, post } from "../api.js";
import {
  alertRequest,
  notificationsAbout,
  notificationTarget,
  prefillFrom,
  shareableSeizures,
  SUBJECT_KINDS,
  subjectText,
  UNREAD_CHANGED,
  UNREAD_LIMIT,
  UNREAD_POLL_MS,
  unreadText,
  type AlertForm,
  type SubjectKind,
} from "../alerts.js";
import { useApp, useAsync } from "../context.js";
import { localDateTimeInput } from "../format.js";
import { ScrollRegion, StatusLine } from "../a11y.js";
import { Empty, ErrorMessage, Field, Link, Loading } from "../ui.js";

interface Notification {
  id: string;
  kind: string;
  message: string;
  entityType: string;
  entityId: string;
  createdAt: string;
  readAt: string | null;
}
interface Alert {
  id: string;
  fromUnit: string;
  subject: Record<string, string | undefined> & { kind: string };
  message: string;
  seizureId: string | null;
  createdAt: string;
  expiresAt: string | null;
  recipients: { unitCode: string; acknowledgedAt: string | null }[] | null;
  replyCount: number;
  matchedShipments?: number;
}
interface Match {
  shipmentId: string;
  containerNumber: string | null;
  billOfLading: string;
  arrivalDate: string | null;
  matchedAt: string;
  reason: { alertId: string; fromUnit: string; subject: Record<string, string | undefined> & { kind: string }; message: string };
}
interface AlertDetail extends Alert {
  seizureReport: {
    commodity: string;
    quantity: number;
    quantityUnit: string;
    concealment: string;
    detectionMethod: string;
    seizedAt: string;
    personsArrested: number;
    containerNumber: string | null;
    parties: string[];
  } | null;
  replies: { unitCode: string; author: string | null; message: string; at: string }[];
  flaggedShipments: Match[];
}
interface Seizure {
  id: string;
  commodity: string;
  quantity: number;
  quantityUnit: string;
  containerNumber: string | null;
  billOfLading: string;
  seizedAt: string;
  sharing: string;
}

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
const unreadChanged = () => window.dispatchEvent(new Event(UNREAD_CHANGED));
const alertPath = (unitCode: string, alertId: string) => `/units/${encodeURIComponent(unitCode)}/alerts/${alertId}`;

/** Marks notifications read, then lets the badge count again. */
async function markRead(unitCode: string, ids: readonly string[]): Promise<void> {
  try {
    await Promise.all(ids.map((id) => post(`/v1/units/${unitCode}/notifications/${id}/read`)));
  } finally {
    unreadChanged();
  }
}

/** The unit's unread notifications, counted again periodically, after a read, on navigation and when the tab comes back. */
export function useUnreadCount(unitCode: string, path: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  const refresh = useCallback(() => {
    get<{ items: unknown[] }>(`/v1/units/${unitCode}/notifications?unread=true&limit=${UNREAD_LIMIT}`).then(
      (r) => setCount(r.items.length),
      // A failed count keeps the last one; the next poll tries again.
      () => undefined,
    );
  }, [unitCode]);
  useEffect(() => {
    refresh();
  }, [refresh, path]);
  useEffect(() => {
    const timer = window.setInterval(refresh, UNREAD_POLL_MS);
    const onVisible = () => document.visibilityState === "visible" && refresh();
    window.addEventListener(UNREAD_CHANGED, refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(UNREAD_CHANGED, refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);
  return count;
}

/**
 * The Alerts navigation link's content: "Alerts" and a count badge, named
 * "Alerts, 3 unread" as a whole for assistive technologies.
 */
export function UnreadBadge({ unitCode, path, label }: { unitCode: string; path: string; label: string }) {
  const { t, fmt } = useApp();
  const count = useUnreadCount(unitCode, path);
  if (!count) return <>{label}</>;
  const text = unreadText(count) === String(count) ? fmt.number(count, 0) : `${fmt.number(UNREAD_LIMIT - 1, 0)}+`;
  return (
    <>
      <span aria-hidden="true">
        {label}
        <span className="badge" data-testid="unread-badge">
          {text}
        </span>
      </span>
      <span className="visually-hidden">{t("nav.unread", { label, n: text })}</span>
    </>
  );
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
      <Matches tick={tick} />
      <SendAlert onSent={refresh} />
      <Sent tick={tick} />
    </section>
  );
}

function Notifications({ tick }: { tick: number }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const list = useAsync(() => get<{ items: Notification[] }>(`/v1/units/${code}/notifications?limit=50`), [code, tick]);
  const [state, setState] = useState<{ busy: boolean; error?: Error; notice?: string; retry?: () => void }>({ busy: false });
  const heading = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);
  const read = (ids: string[]) => {
    setState({ busy: true });
    void markRead(code, ids)
      .then(
        () => {
          refocus.current = true;
          setState({ busy: false, notice: ids.length === 1 ? t("alerts.markedRead") : t("alerts.allMarkedRead", { n: fmt.number(ids.length, 0) }) });
        },
        (e: unknown) => setState({ busy: false, error: toError(e), retry: () => read(ids) }),
      )
      .finally(list.reload);
  };
  // The button pressed goes with the unread state: keyboard users then continue from the list's heading, not from the top of the page.
  useEffect(() => {
    if (!refocus.current || list.loading) return;
    refocus.current = false;
    if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
  }, [list.loading, list.data]);
  const unread = list.data?.items.filter((n) => !n.readAt) ?? [];
  return (
    <section className="card" aria-labelledby="notif-h">
      <h2 id="notif-h" ref={heading} tabIndex={-1}>
        {t("alerts.notifications")}
      </h2>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={list.reload} />}
      {state.error && <ErrorMessage error={state.error} retry={state.retry} />}
      <StatusLine message={state.error ? null : state.notice} />
      {list.data && list.data.items.length === 0 && <Empty>{t("alerts.noNotifications")}</Empty>}
      {unread.length > 1 && (
        <div className="actions">
          <button type="button" disabled={state.busy} onClick={() => read(unread.map((n) => n.id))}>
            {t("alerts.markAllRead")}
          </button>
        </div>
      )}
      {list.data && list.data.items.length > 0 && (
        <ul className="plain" data-testid="notifications">
          {list.data.items.map((n) => {
            const target = notificationTarget(code, n);
            return (
              <li key={n.id} className={n.readAt ? "read" : "unread"} data-testid="notification">
                <span className="when">{fmt.dateTime(n.createdAt)}</span> {target ? <Link to={target}>{n.message}</Link> : n.message}{" "}
                {n.readAt ? (
                  <span className="tag">{t("alerts.read")}</span>
                ) : (
                  <button type="button" className="inline" disabled={state.busy} onClick={() => read([n.id])}>
                    {t("alerts.markRead")}
                  </button>
                )}
              </li>
            );
          })}
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

/** "Container MSCU1000001", "Seizure report". */
function SubjectLine({ subject }: { subject: Alert["subject"] }) {
  const { t } = useApp();
  const text = subjectText(subject);
  return (
    <>
      {t(`alerts.kind.${subject.kind}`)}
      {text && (
        <>
          {" "}
          <code>{text}</code>
        </>
      )}
    </>
  );
}

function ReceivedAlert({ alert, onChange }: { alert: Alert; onChange: () => void }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const base = `/v1/units/${code}/alerts/${alert.id}`;
  const mine = alert.recipients?.find((r) => r.unitCode === code);
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
      setError(toError(e));
    }
  };
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
      {error && <ErrorMessage error={error} />}
      <StatusLine message={notice} />
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

/** GET /alert-matches: every shipment of the unit that an alert from another unit matched. */
function Matches({ tick }: { tick: number }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const list = useAsync(() => get<{ items: Match[] }>(`/v1/units/${code}/alert-matches?limit=100`), [code, tick]);
  return (
    <section className="card" aria-labelledby="matches-h">
      <h2 id="matches-h">{t("alerts.matches")}</h2>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t("alerts.noMatches")}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <ScrollRegion label={t("alerts.matches")}>
          <table data-testid="alert-matches">
            <thead>
              <tr>
                <th scope="col">{t("col.container")}</th>
                <th scope="col">{t("col.bl")}</th>
                <th scope="col">{t("col.arrival")}</th>
                <th scope="col">{t("alerts.alert")}</th>
                <th scope="col">{t("alerts.matchedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((m) => (
                <tr key={`${m.reason.alertId}/${m.shipmentId}`}>
                  <td>
                    <Link to={`/units/${code}/shipments/${m.shipmentId}`}>{m.containerNumber ?? m.billOfLading}</Link>
                  </td>
                  <td>{m.billOfLading}</td>
                  <td>{fmt.date(m.arrivalDate)}</td>
                  <td>
                    <Link to={alertPath(code, m.reason.alertId)}>
                      {t("alerts.from", { unit: m.reason.fromUnit })}: <SubjectLine subject={m.reason.subject} />
                    </Link>
                  </td>
                  <td>{fmt.dateTime(m.matchedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

const EMPTY_FORM: Omit<AlertForm, "kind" | "seizureId"> = { fields: { value: "", country: "", to: "" }, message: "", recipients: "", expiresAt: "" };

function SendAlert({ onSent }: { onSent: () => void }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  // A link may open the form pre-filled (a container's seizure → "share as a seizure report").
  const [prefill] = useState(() => prefillFrom(window.location.search));
  const [form, setForm] = useState<AlertForm>({ ...EMPTY_FORM, kind: prefill.kind ?? "container", seizureId: prefill.seizureId });
  const seizures = useAsync(() => get<{ items: Seizure[] }>(`/v1/units/${code}/seizures?limit=500`).then((r) => shareableSeizures(r.items)), [code]);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (prefill.kind) firstField.current?.focus();
  }, [prefill]);
  const set = <K extends keyof AlertForm>(key: K, value: AlertForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setField = (key: keyof AlertForm["fields"], value: string) => setForm((f) => ({ ...f, fields: { ...f.fields, [key]: value } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await post(`/v1/units/${code}/alerts`, alertRequest(form));
      setNotice(t("alerts.sent"));
      setForm((f) => ({ ...EMPTY_FORM, kind: f.kind, seizureId: "" }));
      onSent();
    } catch (e) {
      setError(toError(e));
    } finally {
      setBusy(false);
    }
  };
  const isReport = form.kind === "seizure_report";
  const valueLabel = form.kind === "container" ? t("alerts.containerNumber") : form.kind === "bill_of_lading" ? t("alerts.billOfLading") : form.kind === "party" ? t("alerts.partyName") : t("alerts.portOfLoading");
  const shareable = seizures.data ?? [];
  const noSeizure = isReport && seizures.data !== undefined && shareable.length === 0;
  return (
    <section className="card" aria-labelledby="send-h">
      <h2 id="send-h">{t("alerts.send")}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="form-grid">
          <Field label={t("alerts.subjectKind")}>
            <select ref={firstField} value={form.kind} onChange={(e) => set("kind", e.target.value as SubjectKind)}>
              {SUBJECT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`alerts.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          {!isReport && (
            <Field label={valueLabel}>
              <input required value={form.fields.value} onChange={(e) => setField("value", e.target.value)} />
            </Field>
          )}
          {form.kind === "party" && (
            <Field label={t("alerts.partyCountry")}>
              <input value={form.fields.country} maxLength={2} onChange={(e) => setField("country", e.target.value)} />
            </Field>
          )}
          {form.kind === "route" && (
            <Field label={t("alerts.portOfDischarge")}>
              <input required value={form.fields.to} onChange={(e) => setField("to", e.target.value)} />
            </Field>
          )}
          <Field label={isReport ? t("alerts.seizure") : t("alerts.seizureOptional")}>
            <select value={form.seizureId} required={isReport} onChange={(e) => set("seizureId", e.target.value)} aria-describedby="seizure-help">
              <option value="">{isReport ? t("alerts.chooseSeizure") : t("alerts.noSeizure")}</option>
              {shareable.map((z) => (
                <option key={z.id} value={z.id}>
                  {t(`commodity.${z.commodity}`)} — {fmt.number(z.quantity)} {z.quantityUnit} — {z.containerNumber ?? z.billOfLading} — {fmt.date(z.seizedAt)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("alerts.recipients")}>
            <input required value={form.recipients} onChange={(e) => set("recipients", e.target.value)} aria-describedby="recipients-help" />
          </Field>
          <Field label={t("alerts.expiresAt")}>
            <input type="datetime-local" min={localDateTimeInput(new Date())} value={form.expiresAt} onChange={(e) => set("expiresAt", e.target.value)} aria-describedby="expires-help" />
          </Field>
        </div>
        <p id="seizure-help" className="help">
          {seizures.error ? t("app.error", { message: seizures.error.message }) : noSeizure ? t("alerts.noShareableSeizure") : t("alerts.seizureHelp")}
        </p>
        <p id="recipients-help" className="help">
          {t("alerts.recipientsHelp")}
        </p>
        <p id="expires-help" className="help">
          {t("alerts.expiresHelp")}
        </p>
        <Field label={t("alerts.message")}>
          <textarea rows={3} required maxLength={4000} value={form.message} onChange={(e) => set("message", e.target.value)} />
        </Field>
        <button type="submit" disabled={busy || noSeizure}>
          {t("alerts.sendButton")}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
      <StatusLine message={notice} />
    </section>
  );
}

function Sent({ tick }: { tick: number }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const list = useAsync(() => get<{ items: Alert[] }>(`/v1/units/${code}/alerts?box=sent`), [code, tick]);
  return (
    <section className="card" aria-labelledby="sent-h">
      <h2 id="sent-h">{t("alerts.sentBox")}</h2>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t("alerts.noSent")}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <ScrollRegion label={t("alerts.sentBox")}>
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
                    <Link to={alertPath(code, a.id)}>
                      <SubjectLine subject={a.subject} />
                    </Link>
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
        </ScrollRegion>
      )}
    </section>
  );
}

/** One alert: what it says, the unit's shipments it matched, the seizure it shares, the replies thread. */
export function AlertPage({ alertId }: { alertId: string }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const base = `/v1/units/${code}/alerts/${encodeURIComponent(alertId)}`;
  const alert = useAsync(() => get<AlertDetail>(base), [base]);
  const [reply, setReply] = useState("");
  const [state, setState] = useState<{ busy: boolean; error?: Error; notice?: string }>({ busy: false });
  const loaded = alert.data?.id;
  // Opening the alert reads the unit's notifications about it.
  useEffect(() => {
    if (!loaded) return;
    let live = true;
    get<{ items: Notification[] }>(`/v1/units/${code}/notifications?unread=true&limit=500`)
      .then((r) => {
        const ids = notificationsAbout(r.items, loaded).map((n) => n.id);
        return live && ids.length > 0 ? markRead(code, ids) : undefined;
      })
      // Left unread on failure: the badge still counts them, the list offers "Mark read".
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, loaded]);

  if (alert.loading && !alert.data) return <Loading />;
  if (alert.error) return <ErrorMessage error={alert.error} retry={alert.reload} />;
  const a = alert.data!;
  const isSender = a.fromUnit === code;
  const mine = a.recipients?.find((r) => r.unitCode === code);
  const act = async (action: () => Promise<unknown>, notice: string) => {
    setState({ busy: true });
    try {
      await action();
      setState({ busy: false, notice });
      alert.reload();
    } catch (e) {
      setState({ busy: false, error: toError(e) });
    }
  };
  const sendReply = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await post(`${base}/replies`, { message: reply });
      setReply("");
    }, t("alerts.replied"));
  };
  const report = a.seizureReport;

  return (
    <article aria-labelledby="alert-title" data-testid="alert-detail">
      <p>
        <Link to={`/units/${code}/alerts`}>← {t("alertPage.back")}</Link>
      </p>
      <h1 id="alert-title">
        {isSender ? t("alertPage.sentTitle") : t("alertPage.title", { unit: a.fromUnit })}: <SubjectLine subject={a.subject} />
      </h1>
      <blockquote className="alert-message">{a.message}</blockquote>
      <dl className="facts">
        <dt>{t("alertPage.from")}</dt>
        <dd>{a.fromUnit}</dd>
        <dt>{t("alertPage.sentAt")}</dt>
        <dd>
          <time dateTime={a.createdAt}>{fmt.dateTime(a.createdAt)}</time>
        </dd>
        <dt>{t("alertPage.expires")}</dt>
        <dd>{a.expiresAt ? fmt.dateTime(a.expiresAt) : t("alertPage.noExpiry")}</dd>
        <dt>{t("alerts.recipients")}</dt>
        <dd>
          <ul className="reasons" data-testid="alert-recipients">
            {(a.recipients ?? []).map((r) => (
              <li key={r.unitCode}>
                {r.unitCode}: {r.acknowledgedAt ? t("alerts.acknowledgedAt", { at: fmt.dateTime(r.acknowledgedAt) }) : t("alerts.notAcknowledged")}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {state.error && <ErrorMessage error={state.error} />}
      <StatusLine message={state.error ? null : state.notice} />
      {!isSender && (
        <div className="actions">
          {mine?.acknowledgedAt ? (
            <span className="tag state-active" data-testid="acknowledged">
              {t("alerts.acknowledgedAt", { at: fmt.dateTime(mine.acknowledgedAt) })}
            </span>
          ) : (
            <button type="button" disabled={state.busy} onClick={() => void act(() => post(`${base}/acknowledge`), t("alerts.acknowledgedNotice"))}>
              {t("alerts.acknowledge")}
            </button>
          )}
        </div>
      )}

      {report && (
        <section aria-labelledby="report-h">
          <h2 id="report-h">{t("alerts.kind.seizure_report")}</h2>
          <dl className="facts" data-testid="seizure-report">
            <dt>{t("seizure.commodity")}</dt>
            <dd>{t(`commodity.${report.commodity}`)}</dd>
            <dt>{t("seizure.quantity")}</dt>
            <dd>
              {fmt.number(report.quantity)} {report.quantityUnit}
            </dd>
            <dt>{t("seizure.concealment")}</dt>
            <dd>{t(`concealment.${report.concealment}`)}</dd>
            <dt>{t("seizure.detection")}</dt>
            <dd>{t(`detection.${report.detectionMethod}`)}</dd>
            <dt>{t("alertPage.seizedAt")}</dt>
            <dd>{fmt.dateTime(report.seizedAt)}</dd>
            <dt>{t("seizure.arrested")}</dt>
            <dd>{fmt.number(report.personsArrested, 0)}</dd>
            <dt>{t("col.container")}</dt>
            <dd>{report.containerNumber ?? t("app.none")}</dd>
            <dt>{t("shipment.parties")}</dt>
            <dd>{report.parties.length > 0 ? report.parties.join(", ") : t("app.none")}</dd>
          </dl>
        </section>
      )}

      <section aria-labelledby="alert-matches-h">
        <h2 id="alert-matches-h">{t("alertPage.matches", { unit: code })}</h2>
        {isSender ? (
          <p className="help">{t("alertPage.senderMatches")}</p>
        ) : a.flaggedShipments.length === 0 ? (
          <Empty>{a.subject.kind === "seizure_report" ? t("alertPage.reportMatchesNothing") : t("alertPage.noMatches")}</Empty>
        ) : (
          <ScrollRegion label={t("alertPage.matches", { unit: code })}>
            <table data-testid="alert-matched-shipments">
              <thead>
                <tr>
                  <th scope="col">{t("col.container")}</th>
                  <th scope="col">{t("col.bl")}</th>
                  <th scope="col">{t("col.arrival")}</th>
                  <th scope="col">{t("alerts.matchedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {a.flaggedShipments.map((m) => (
                  <tr key={m.shipmentId}>
                    <td>
                      <Link to={`/units/${code}/shipments/${m.shipmentId}`}>{m.containerNumber ?? m.billOfLading}</Link>
                    </td>
                    <td>{m.billOfLading}</td>
                    <td>{fmt.date(m.arrivalDate)}</td>
                    <td>{fmt.dateTime(m.matchedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="replies-h">
        <h2 id="replies-h">{t("alertPage.replies", { n: fmt.number(a.replies.length, 0) })}</h2>
        {a.replies.length === 0 ? (
          <Empty>{t("alertPage.noReplies")}</Empty>
        ) : (
          <ol className="thread" data-testid="replies">
            {a.replies.map((r, n) => (
              <li key={n} data-testid="reply" className={r.unitCode === code ? "ours" : ""}>
                <p className="meta">
                  <strong>{r.unitCode}</strong>
                  {r.author ? ` · ${r.author}` : ""} · <time dateTime={r.at}>{fmt.dateTime(r.at)}</time>
                </p>
                <p className="reply-text">{r.message}</p>
              </li>
            ))}
          </ol>
        )}
        <form className="card" onSubmit={sendReply}>
          <h3 id="reply-form-h">{t("alertPage.replyTitle")}</h3>
          <Field label={t("alerts.reply")}>
            <textarea rows={3} required maxLength={4000} value={reply} onChange={(e) => setReply(e.target.value)} />
          </Field>
          <button type="submit" disabled={state.busy || !reply.trim()}>
            {t("alerts.sendReply")}
          </button>
        </form>
      </section>
    </article>
  );
}
