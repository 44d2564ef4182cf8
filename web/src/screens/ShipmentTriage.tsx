// On the container page: the way back to the queue with its filters, next and
// previous through the queue's current list (the same cached pages the queue
// loaded, keyed by the filters carried in the URL, read on page by page past
// them), and the officer's decision
// (hold for inspection, release with a reason, withdraw) and assignee.
import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { api, asError } from "../api.js";
import { useApp } from "../context.js";
import { parseQueueSearch, shipmentQuery } from "../query.js";
import { useApi, useApiPages, useInvalidate } from "../server-state.js";
import { BAND, term } from "../terms.js";
import { ErrorMessage, Field, Link } from "../ui.js";
import { StatusLine } from "../a11y.js";
import { DECISION, type QueueItem } from "./queue-columns.js";

interface Decision {
  state: "none" | "hold" | "released" | "inspected";
  note: string | null;
  assignee: { id: string; name: string } | null;
}

/** The unit's selection lanes behind a container's band (GET shipment's `lanes`): shares of its recent scores. */
export interface BandLanes {
  holdShare: number;
  documentaryShare: number;
}

/**
 * Why the band shown (the queue's, by the unit's lanes) is not the profile's
 * own: one line under the score, only when they differ.
 */
export function BandBasis({ band, profileBand, lanes }: { band: string | null; profileBand: string | null; lanes: BandLanes | null }) {
  const { t, fmt } = useApp();
  if (!lanes || band === null || band === profileBand) return null;
  const profile = term(t, BAND, profileBand ?? "none");
  const text =
    band === "high" ? t("shipment.bandBasis.high", { profile, share: fmt.percent(lanes.holdShare) })
    : band === "medium" ? t("shipment.bandBasis.medium", { profile, share: fmt.percent(lanes.documentaryShare) })
    : t("shipment.bandBasis.low", { profile, share: fmt.percent(lanes.holdShare + lanes.documentaryShare) });
  return (
    <p className="help" data-testid="band-basis">
      {text}
    </p>
  );
}

/** How many pages the container page reads by itself to find the container in the list (a shared link to one far down). */
const FIND_WITHIN_PAGES = 10;

/**
 * Back to the queue with its filters, and previous/next through the whole
 * list: at the last container read so far, the list's next page is read
 * ahead with its cursor, so Next goes on past the rows the queue had loaded.
 */
export function QueueNavigation({ shipmentId }: { shipmentId: string }) {
  const { t, unit } = useApp();
  const code = unit!.code;
  const [params] = useSearchParams();
  const search = params.toString();
  const filters = parseQueueSearch(params);
  const pages = useApiPages<{ items: QueueItem[]; nextCursor: string | null; total: number | null }>(`/v1/units/${code}/shipments?${shipmentQuery(filters)}`, (after) => `/v1/units/${code}/shipments?${shipmentQuery(filters, after)}`);
  const ids = pages.data?.pages.flatMap((p) => p.items.map((i) => i.id)) ?? [];
  const total = pages.data?.pages[0]?.total ?? null;
  const at = ids.indexOf(shipmentId);
  const atEnd = at >= 0 && at === ids.length - 1;
  const notFoundYet = at < 0 && (pages.data?.pages.length ?? 0) < FIND_WITHIN_PAGES;
  // Not while the loaded pages are read again (after a decision): a next-page read would cancel that.
  const readAhead = pages.hasNextPage && !pages.isFetching && !pages.isFetchNextPageError && (atEnd || notFoundYet);
  const { fetchNextPage } = pages;
  useEffect(() => {
    if (readAhead) void fetchNextPage();
  }, [readAhead, fetchNextPage]);
  const link = (id: string) => `/units/${code}/shipments/${id}${search ? `?${search}` : ""}`;
  const previous = at > 0 ? ids[at - 1] : undefined;
  const next = at >= 0 && at < ids.length - 1 ? ids[at + 1] : undefined;
  return (
    <nav className="queue-nav" aria-label={t("triage.navigation")}>
      <Link to={`/units/${code}/queue${search ? `?${search}` : ""}`}>← {t("app.back")}</Link>
      {previous && <Link to={link(previous)}>{t("triage.previous")}</Link>}
      {at >= 0 && <span data-testid="queue-position">{t("triage.positionOf", { n: at + 1, total: total ?? ids.length })}</span>}
      {next && <Link to={link(next)}>{t("triage.next")}</Link>}
      {atEnd && pages.isFetchingNextPage && <span role="status">{t("triage.loadingNext")}</span>}
      {atEnd && pages.isFetchNextPageError && (
        <button type="button" className="link" onClick={() => void fetchNextPage()}>
          {t("app.retry")}
        </button>
      )}
    </nav>
  );
}

/** Hold, release (a reason is required) or withdraw, and assign to an officer of the unit. */
export function DecisionPanel({ shipmentId }: { shipmentId: string }) {
  const { t, unit } = useApp();
  const code = unit!.code;
  const base = `/v1/units/${code}/shipments/${shipmentId}`;
  const decision = useApi<Decision>(`${base}/decision`);
  const officers = useApi<{ items: { id: string; name: string }[] }>(`/v1/units/${code}/officers`);
  const invalidate = useInvalidate();
  const [releasing, setReleasing] = useState(false);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (decision.error) return <ErrorMessage error={decision.error} retry={() => void decision.refetch()} />;
  const d = decision.data;
  if (!d) return null;

  const send = async (path: string, body: unknown, saved: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api("PUT", `${base}/${path}`, body);
      setReleasing(false);
      setNote("");
      setDone(saved);
      await invalidate(base, `/v1/units/${code}/shipments`, `/v1/units/${code}/queue`);
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  const decide = (state: "hold" | "released" | "none", reason?: string) => void send("decision", { decision: state, note: reason, expected: d.state }, t("triage.saved"));
  const release = (event: FormEvent) => {
    event.preventDefault();
    decide("released", note);
  };

  return (
    <section aria-labelledby="decision-h" data-testid="decision-panel">
      <h2 id="decision-h">{t("col.decision")}</h2>
      <p data-testid="decision-state">
        <span className={`decision decision-${d.state}`}>{term(t, DECISION, d.state)}</span>
        {d.note && ` — ${d.note}`}
      </p>
      {d.state !== "inspected" && (
        <div className="actions">
          {d.state !== "hold" && (
            <button type="button" disabled={busy} onClick={() => decide("hold")}>
              {t("triage.hold")}
            </button>
          )}
          {d.state !== "released" && (
            <button type="button" disabled={busy} aria-expanded={releasing} onClick={() => setReleasing(!releasing)}>
              {t("triage.release")}
            </button>
          )}
          {d.state !== "none" && (
            <button type="button" disabled={busy} onClick={() => decide("none")}>
              {t("triage.withdraw")}
            </button>
          )}
        </div>
      )}
      {releasing && (
        <form onSubmit={release} aria-label={t("triage.release")}>
          <Field label={t("triage.reason")}>
            <textarea required value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <button type="submit" disabled={busy || note.trim() === ""}>
            {t("triage.confirmRelease")}
          </button>
        </form>
      )}
      <Field label={t("triage.assignTo")}>
        <select
          value={d.assignee?.id ?? ""}
          disabled={busy}
          onChange={(e) => void send("assignee", { assigneeId: e.target.value || null }, t("triage.assigned"))}
        >
          <option value="">{t("queue.unassigned")}</option>
          {officers.data?.items.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </Field>
      {error && <ErrorMessage error={error} retry={() => void decision.refetch()} />}
      <StatusLine message={done} />
    </section>
  );
}
