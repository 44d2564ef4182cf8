// One alert on its own page: what it says, to whom it went and who
// acknowledged it, the seizure it shares, the unit's shipments it matched,
// the replies thread and a reply form. Opening it reads the unit's
// notifications about it.
import { useEffect } from "react";
import { COMMODITY, CONCEALMENT, DETECTION, quantityText, term } from "../../terms.js";
import { get } from "../../api.js";
import { notificationsAbout } from "../../alerts.js";
import { useApp } from "../../context.js";
import { useApi, useInvalidate } from "../../server-state.js";
import { Empty, ErrorMessage, Link, Loading } from "../../ui.js";
import { markRead, type AlertDetail, type Notification, type SeizureReport } from "./alert-data.js";
import { AcknowledgeAction, ActionMessages, RecipientList, ReplyForm, SubjectLine, useAlertActions } from "./alert-parts.js";
import { MatchedShipmentsTable } from "./MatchedShipments.js";

/** One alert: what it says, the unit's shipments it matched, the seizure it shares, the replies thread. */
export function AlertPage({ alertId }: { alertId: string }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const base = `/v1/units/${code}/alerts/${encodeURIComponent(alertId)}`;
  const alert = useApi<AlertDetail>(base);
  const invalidate = useInvalidate();
  const actions = useAlertActions(base, () => void invalidate(`/v1/units/${code}/alerts`));
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

  if (alert.isPending) return <Loading />;
  if (alert.error) return <ErrorMessage error={alert.error} retry={() => void alert.refetch()} />;
  const a = alert.data;
  const isSender = a.fromUnit === code;
  const matchesTitle = t("alertPage.matches", { unit: code });

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
          <RecipientList recipients={a.recipients} testId="alert-recipients" />
        </dd>
      </dl>
      <ActionMessages state={actions.state} />
      {!isSender && <AcknowledgeAction mine={a.recipients?.find((r) => r.unitCode === code)} actions={actions} busy={actions.state.busy} />}

      {a.seizureReport && <SeizureReportFacts report={a.seizureReport} />}

      <section aria-labelledby="alert-matches-h">
        <h2 id="alert-matches-h">{matchesTitle}</h2>
        {isSender ? (
          <p className="help">{t("alertPage.senderMatches")}</p>
        ) : a.flaggedShipments.length === 0 ? (
          <Empty>{a.subject.kind === "seizure_report" ? t("alertPage.reportNoMatches") : t("alertPage.noMatches")}</Empty>
        ) : (
          <MatchedShipmentsTable matches={a.flaggedShipments} label={matchesTitle} testId="alert-matched-shipments" />
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
        <ReplyForm actions={actions} className="card" rows={3} maxLength={4000} busy={actions.state.busy} heading={<h3 id="reply-form-h">{t("alertPage.replyTitle")}</h3>} />
      </section>
    </article>
  );
}

/** The seizure a seizure report shares. */
function SeizureReportFacts({ report }: { report: SeizureReport }) {
  const { t, fmt } = useApp();
  return (
    <section aria-labelledby="report-h">
      <h2 id="report-h">{t("alerts.kind.seizure_report")}</h2>
      <dl className="facts" data-testid="seizure-report">
        <dt>{t("seizure.commodity")}</dt>
        <dd>{term(t, COMMODITY, report.commodity)}</dd>
        <dt>{t("seizure.quantity")}</dt>
        <dd>
          {quantityText(t, fmt, report.quantity, report.quantityUnit)}
        </dd>
        <dt>{t("seizure.concealment")}</dt>
        <dd>{term(t, CONCEALMENT, report.concealment)}</dd>
        <dt>{t("seizure.detection")}</dt>
        <dd>{term(t, DETECTION, report.detectionMethod)}</dd>
        <dt>{t("alertPage.seizedAt")}</dt>
        <dd>{fmt.dateTime(report.seizedAt)}</dd>
        <dt>{t("seizure.arrested")}</dt>
        <dd>{fmt.number(report.personsArrested, 0)}</dd>
        <dt>{t("col.container")}</dt>
        <dd>{report.containerNumber ?? t("app.none")}</dd>
        <dt>{t("col.bl")}</dt>
        <dd>{report.billOfLading}</dd>
        <dt>{t("col.route")}</dt>
        <dd>{[report.portOfLoading, report.portOfDischarge].filter(Boolean).join(" → ") || t("app.none")}</dd>
        <dt>{t("alertPage.manifestParties")}</dt>
        <dd data-testid="report-manifest-parties">
          {report.shipmentParties.length > 0
            ? report.shipmentParties.map((p) => `${t(`party.${p.role}`)}: ${p.name}${p.country ? ` (${p.country})` : ""}`).join(" · ")
            : t("app.none")}
        </dd>
        <dt>{t("alertPage.namedParties")}</dt>
        <dd>{report.parties.length > 0 ? report.parties.join(", ") : t("app.none")}</dd>
      </dl>
    </section>
  );
}
