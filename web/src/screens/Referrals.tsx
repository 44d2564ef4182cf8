// Referrals of the unit (overdue ones highlighted) and one referral with its
// timeline, the moves allowed from its state and status updates. Each names
// what it is about: the container (its page), the bill of lading (the queue
// searched for it) and the seizure with its quantity.
import { useMemo, useState, type FormEvent } from "react";
import { CLOSE_OUTCOME, COMMODITY, RECIPIENT_KIND, REFERRAL_STATUS, referralEventText, term } from "../terms.js";
import { post } from "../api.js";
import { useApp } from "../context.js";
import { useApi, useInvalidate } from "../server-state.js";
import { StatusLine } from "../a11y.js";
import { ErrorMessage, Field, Link, Loading } from "../ui.js";
import { ALL_REFERRALS, parseReferralFilters, referralFilterParams, referralQuery } from "../referral-filters.js";
import { useUrlState } from "../url-state.js";
import { ReferralMoves } from "./ReferralMoves.js";
import { ReferralStateFilters } from "./ReferralStateFilters.js";
import { canOpenShipments, ConnectedRecords, DueText, referralColumns, ReferralTable, type Referral } from "./referral-records.js";

interface ReferralDetail extends Referral {
  events: { kind: string; from: string | null; to: string; note: string | null; at: string; by: string | null }[];
}

export function Referrals() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  // The filters live in the URL (a filtered list can be shared and survives Back); each choice applies at once.
  const [filters, setFilters] = useUrlState(parseReferralFilters, referralFilterParams);
  const list = useApi<{ items: Referral[] }>(`/v1/units/${code}/referrals?${referralQuery(filters)}`);
  const filtered = filters.status !== ALL_REFERRALS.status || filters.overdueOnly;
  const linkRecords = canOpenShipments(unit);
  const columns = useMemo(() => referralColumns(t, fmt, code, linkRecords), [t, fmt, code, linkRecords]);
  return (
    <section aria-labelledby="referrals-title">
      <h1 id="referrals-title">{t("referral.list", { unit: code })}</h1>
      <ReferralStateFilters filters={filters} setFilters={setFilters} />
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={() => void list.refetch()} />}
      {list.data && <ReferralTable rows={list.data.items} columns={columns} filtered={filtered} labelledBy="referrals-title" testId="referrals" />}
    </section>
  );
}

export function ReferralPage({ referralId }: { referralId: string }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const canAct = unit!.yourRoles.includes("officer");
  const referral = useApi<ReferralDetail>(`/v1/units/${code}/referrals/${referralId}`);
  const invalidate = useInvalidate();
  const [note, setNote] = useState("");
  const [state, setState] = useState<{ busy: boolean; error?: Error; message?: string }>({ busy: false });

  if (referral.isPending) return <Loading />;
  if (referral.error) return <ErrorMessage error={referral.error} retry={() => void referral.refetch()} />;
  const r = referral.data;
  /** Posts to the referral; true when it was done. */
  const act = async (path: string, body: unknown, done: string): Promise<boolean> => {
    setState({ busy: true });
    try {
      await post(`/v1/units/${code}/referrals/${r.id}/${path}`, body);
      setState({ busy: false, message: done });
      setNote("");
      // The list shows the state and the deadline too; the dashboard counts follow-ups.
      await invalidate(`/v1/units/${code}/referrals`, "/v1/summaries");
      return true;
    } catch (error) {
      setState({ busy: false, error: error as Error });
      return false;
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
          <DueText referral={r} t={t} fmt={fmt} onTime />
        </dd>
      </dl>
      <ConnectedRecords referral={r} code={code} />
      {state.error && <ErrorMessage error={state.error} />}
      <StatusLine message={state.error ? null : state.message} />
      {canAct && r.allowed.length === 0 && <p>{t("referral.final")}</p>}
      {canAct && r.allowed.length > 0 && <ReferralMoves referral={r} busy={state.busy} move={(body, done) => act("transitions", body, done)} />}
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t("referral.timeline")}</h2>
        <ol className="timeline">
          {r.events.map((e, n) => (
            <li key={n} data-testid="timeline-event">
              <time dateTime={e.at}>{fmt.dateTime(e.at)}</time> —{" "}
              {e.kind === "update" ? t("referral.updateNote") : referralEventText(t, e.from, e.to)}
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
