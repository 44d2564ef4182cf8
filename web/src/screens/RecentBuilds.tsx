// The unit's recent profile builds on the build screen, newest first: when,
// who, the period learned from, the state and the figures' headline. A row's
// link opens that build (?build=<job id>, keeping the import shown beside it),
// its result read again from the job. Ten at a time, older ones on asking
// ("More builds": the API's nextCursor, as the manifests' list reads on).
import { useInfiniteQuery } from "@tanstack/react-query";
import { useLocation } from "react-router";
import { useApp } from "../context.js";
import { withJob } from "../job-search.js";
import { FINISHED } from "../jobs.js";
import { failureText } from "../job-failure-text.js";
import { apiPagesQuery } from "../server-state.js";
import { JOB_STATUS, term } from "../terms.js";
import { Empty, ErrorMessage, Link, Loading } from "../ui.js";

/** How many builds a page lists. */
const RECENT = 10;
/** While a listed build runs, the list is read again this often (its state and figures change). */
const RUNNING_POLL_MS = 2_000;

interface BuildSummary {
  id: string;
  status: string;
  progress: number;
  request: { from?: string; to?: string; code?: string };
  startedBy: { username: string; displayName: string } | null;
  createdAt: string;
  headline: { profileCode: string; version: number; evaluationRecords: number | null; hits: number | null; precision: number | null; recall: number | null } | null;
  failure: { code: string; params: Record<string, string | number> } | null;
  error: string | null;
}

interface BuildPage {
  items: BuildSummary[];
  nextCursor: string | null;
}

/** The list's first page: a build started invalidates it (and the pages after) under the unit's profile-builds path. */
const recentBuildsPath = (unitCode: string) => `/v1/units/${unitCode}/profile-builds?limit=${RECENT}`;

export function RecentBuilds({ unitCode, shown }: { unitCode: string; shown: string }) {
  const { t, fmt } = useApp();
  const { search } = useLocation();
  const first = recentBuildsPath(unitCode);
  const list = useInfiniteQuery<BuildPage, Error>({
    ...apiPagesQuery<BuildPage>(first, (cursor) => (cursor ? `${first}&cursor=${encodeURIComponent(cursor)}` : first)),
    // Every page read is read again while one of its builds runs.
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((b) => !FINISHED.includes(b.status))) ? RUNNING_POLL_MS : false),
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const figures = (b: BuildSummary): string => {
    if (b.status === "failed") return failureText(t, fmt, b);
    if (b.status === "running") return fmt.percent(b.progress);
    if (!b.headline) return t("app.none");
    const h = b.headline;
    return t("analysis.recent.headline", {
      code: h.profileCode,
      version: h.version,
      precision: fmt.percent(h.precision),
      recall: fmt.percent(h.recall),
      records: h.evaluationRecords ?? 0,
      hits: h.hits ?? 0,
    });
  };
  return (
    <section aria-labelledby="recent-builds-h">
      <h3 id="recent-builds-h">{t("analysis.recent")}</h3>
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={() => void (list.isFetchNextPageError ? list.fetchNextPage() : list.refetch())} />}
      {list.data && items.length === 0 && <Empty>{t("analysis.recent.empty")}</Empty>}
      {items.length > 0 && (
        <div className="scroll">
          <table className="compact" data-testid="recent-builds">
            <thead>
              <tr>
                <th scope="col">{t("analysis.recent.started")}</th>
                <th scope="col">{t("analysis.recent.by")}</th>
                <th scope="col">{t("analysis.recent.period")}</th>
                <th scope="col">{t("analysis.recent.state")}</th>
                <th scope="col">{t("analysis.recent.figures")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <Link to={{ search: withJob(search, "build", b.id) }} aria-current={b.id === shown ? "true" : undefined}>
                      {b.id === shown ? <strong>{fmt.dateTime(b.createdAt)}</strong> : fmt.dateTime(b.createdAt)}
                    </Link>
                  </th>
                  <td>{b.startedBy?.displayName ?? t("app.unknownUser")}</td>
                  <td>{b.request.from && b.request.to ? `${fmt.date(b.request.from)} – ${fmt.date(b.request.to)}` : t("app.none")}</td>
                  <td>{term(t, JOB_STATUS, b.status)}</td>
                  <td>{figures(b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && !list.isFetchingNextPage && (
        <button type="button" onClick={() => void list.fetchNextPage()}>
          {t("analysis.recent.more")}
        </button>
      )}
    </section>
  );
}
