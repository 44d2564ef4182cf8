// Referrals of the unit (overdue ones highlighted) and one referral with its
// timeline, the moves allowed from its state and status updates.
import { useState, type FormEvent } from "react";
import { CLOSE_OUTCOME, COMMODITY, RECIPIENT_KIND, REFERRAL_STATUS, term } from "../terms.js";
import { post } from "../api.js";
import { useApp } from "../context.js";
import { useApi, useInvalidate } from "../server-state.js";
import { ScrollRegion, StatusLine } from "../a11y.js";
import { Empty, ErrorMessage, Field, Link, Loading } from "../ui.js";
import { ALL_REFERRALS, parseReferralFilters, REFERRAL_STATES, referralFilterParams, referralQuery, type ReferralState } from "../referral-filters.js";
import { useUrlState } from "../url-state.js";

interface Referral {
  id: string;
  seizureId: string;
  commodity: string;
  recipient: { kind: string; name: string | null; unitCode: string | null };
  status: string;
  outcome: string | null;
  allowed: string[];
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
}
interface ReferralDetail extends Referral {
  events: { kind: string; from: string | null; to: string; note: string | null; at: string; by: string | null }[];
}
const CLOSE_OUTCOMES = ["conviction", "acquittal", "no_further_action", "merged_with_other_case", "other"];

export function Referrals() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  // The filters live in the URL (a filtered list can be shared and survives Back); each choice applies at once.
  const [filters, setFilters] = useUrlState(parseReferralFilters, referralFilterParams);
  const list = useApi<{ items: Referral[] }>(`/v1/units/${code}/referrals?${referralQuery(filters)}`);
  const filtered = filters.status !== ALL_REFERRALS.status || filters.overdueOnly;
  return (
    <section aria-labelledby="referrals-title">
      <h1 id="referrals-title">{t("referral.list", { unit: code })}</h1>
      <form className="filters" aria-label={t("referral.filters")} onSubmit={(e) => e.preventDefault()}>
        <Field label={t("referral.status")}>
          <select value={filters.status} onChange={(e) => setFilters((f) => ({ ...f, status: e.target.value as ReferralState | "" }))}>
            <option value="">{t("referral.allStatuses")}</option>
            {REFERRAL_STATES.map((s) => (
              <option key={s} value={s}>
                {term(t, REFERRAL_STATUS, s)}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input type="checkbox" checked={filters.overdueOnly} onChange={(e) => setFilters((f) => ({ ...f, overdueOnly: e.target.checked }))} />
          {t("referral.overdueOnly")}
        </label>
      </form>
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <Empty>{filtered ? t("referral.noMatch") : t("referral.empty")}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <ScrollRegion label={t("referral.list", { unit: code })}>
          <table data-testid="referrals">
            <thead>
              <tr>
                <th scope="col">{t("referral.recipientName")}</th>
                <th scope="col">{t("seizure.commodity")}</th>
                <th scope="col">{t("referral.status")}</th>
                <th scope="col">{t("referral.due")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id} className={r.overdue ? "overdue" : ""} data-testid="referral-row">
                  <td>
                    <Link to={`/units/${code}/referrals/${r.id}`}>{r.recipient.name ?? r.recipient.unitCode ?? term(t, RECIPIENT_KIND, r.recipient.kind)}</Link>
                  </td>
                  <td>{term(t, COMMODITY, r.commodity)}</td>
                  <td>{term(t, REFERRAL_STATUS, r.status)}</td>
                  <td>
                    {fmt.dateTime(r.dueAt)} {r.overdue && <strong className="tag overdue-tag">{t("referral.overdue")}</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

export function ReferralPage({ referralId }: { referralId: string }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const canAct = unit!.yourRoles.includes("officer");
  const referral = useApi<ReferralDetail>(`/v1/units/${code}/referrals/${referralId}`);
  const invalidate = useInvalidate();
  const [outcome, setOutcome] = useState(CLOSE_OUTCOMES[0]!);
  const [note, setNote] = useState("");
  const [state, setState] = useState<{ busy: boolean; error?: Error; message?: string }>({ busy: false });

  if (referral.isPending) return <Loading />;
  if (referral.error) return <ErrorMessage error={referral.error} retry={() => void referral.refetch()} />;
  const r = referral.data;
  const act = async (path: string, body: unknown, done: string) => {
    setState({ busy: true });
    try {
      await post(`/v1/units/${code}/referrals/${r.id}/${path}`, body);
      setState({ busy: false, message: done });
      setNote("");
      // The list shows the state and the deadline too; the dashboard counts follow-ups.
      await invalidate(`/v1/units/${code}/referrals`, "/v1/summaries");
    } catch (error) {
      setState({ busy: false, error: error as Error });
    }
  };
  const postUpdate = (event: FormEvent) => {
    event.preventDefault();
    void act("updates", { note }, t("referral.updatePosted"));
  };

  return (
    <article aria-labelledby="referral-title">
      <p>
        <Link to={`/units/${code}/referrals`}>← {t("nav.referrals")}</Link>
      </p>
      <h1 id="referral-title">{t("referral.title", { name: r.recipient.name ?? term(t, RECIPIENT_KIND, r.recipient.kind) })}</h1>
      <dl className="facts">
        <dt>{t("referral.recipientKind")}</dt>
        <dd>{term(t, RECIPIENT_KIND, r.recipient.kind)}</dd>
        <dt>{t("seizure.commodity")}</dt>
        <dd>{term(t, COMMODITY, r.commodity)}</dd>
        <dt>{t("referral.status")}</dt>
        <dd data-testid="referral-status">
          {term(t, REFERRAL_STATUS, r.status)}
          {r.outcome ? ` (${term(t, CLOSE_OUTCOME, r.outcome)})` : ""}
        </dd>
        <dt>{t("referral.due")}</dt>
        <dd className={r.overdue ? "overdue" : ""}>
          {fmt.dateTime(r.dueAt)} {r.overdue ? <strong className="tag overdue-tag">{t("referral.overdue")}</strong> : r.dueAt ? t("referral.onTime") : ""}
        </dd>
      </dl>
      {state.error && <ErrorMessage error={state.error} />}
      <StatusLine message={state.error ? null : state.message} />
      {canAct && r.allowed.length === 0 && <p>{t("referral.final")}</p>}
      {canAct && r.allowed.length > 0 && (
        <div className="card" role="group" aria-label={t("referral.advance")}>
          <h2>{t("referral.advance")}</h2>
          {r.allowed.includes("closed") && (
            <Field label={t("referral.closeOutcome")}>
              <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
                {CLOSE_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {term(t, CLOSE_OUTCOME, o)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <div className="actions">
            {r.allowed.map((to) => (
              <button key={to} type="button" disabled={state.busy} onClick={() => void act("transitions", to === "closed" ? { to, outcome } : { to }, t("referral.moved", { status: term(t, REFERRAL_STATUS, to) }))}>
                {t("referral.advance")}: {term(t, REFERRAL_STATUS, to)}
              </button>
            ))}
          </div>
        </div>
      )}
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t("referral.timeline")}</h2>
        <ol className="timeline">
          {r.events.map((e, n) => (
            <li key={n} data-testid="timeline-event">
              <time dateTime={e.at}>{fmt.dateTime(e.at)}</time> —{" "}
              {e.kind === "update" ? t("referral.updateNote") : t("referral.event", { from: e.from ? term(t, REFERRAL_STATUS, e.from) : "·", to: term(t, REFERRAL_STATUS, e.to) })}
              {e.by ? ` ${t("referral.by", { who: e.by })}` : ""}
              {e.note ? `: ${e.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
      {canAct && r.allowed.length > 0 && (
        <form className="card" onSubmit={postUpdate}>
          <h2>{t("referral.update")}</h2>
          <Field label={t("referral.updateNote")}>
            <textarea required value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <button type="submit" disabled={state.busy}>
            {t("referral.update")}
          </button>
        </form>
      )}
    </article>
  );
}
