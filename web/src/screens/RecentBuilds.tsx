// The unit's recent profile builds on the build screen, newest first: when,
// who, the period learned from, the state and the figures' headline. A row's
// link opens that build (?build=<job id>), its result read again from the job.
import { useApp } from "../context.js";
import { buildSearch } from "../build-search.js";
import { FINISHED } from "../jobs.js";
import { failureText } from "../job-failure-text.js";
import { useApiPolled } from "../server-state.js";
import { JOB_STATUS, term } from "../terms.js";
import { Link, ListStates } from "../ui.js";

/** How many builds are listed. */
const RECENT = 10;
/** While a listed build runs, the list is read again this often (its state and figures change). */
const RUNNING_POLL_MS = 2_000;

export interface BuildSummary {
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

/** The list's read: a build started invalidates it under the unit's profile-builds path. */
export const recentBuildsPath = (unitCode: string) => `/v1/units/${unitCode}/profile-builds?limit=${RECENT}`;

export function RecentBuilds({ unitCode, shown }: { unitCode: string; shown: string }) {
  const { t, fmt } = useApp();
  const list = useApiPolled<{ items: BuildSummary[] }>(recentBuildsPath(unitCode), (data) => (data.items.some((b) => !FINISHED.includes(b.status)) ? RUNNING_POLL_MS : false));
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
      <ListStates list={list} empty={t("analysis.recent.empty")} />
      {list.data && list.data.items.length > 0 && (
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
              {list.data.items.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <Link to={{ search: buildSearch(b.id) }} aria-current={b.id === shown ? "true" : undefined}>
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
    </section>
  );
}
