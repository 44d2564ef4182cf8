// The officer's triage board above the queue: the vessels and flights arriving
// (or, for exports, departing) within 72 h with their containers counted by band and decision (a press
// filters the queue to that voyage), and the counts and score histogram of the
// view the queue shows (GET /queue/counts with the same filters).
import { lazy, Suspense, useEffect, useState } from "react";
import { useApp } from "../context.js";
import { VOYAGE_HOURS as HOURS, type DecisionState } from "../query.js";
import { useApi } from "../server-state.js";
import { BAND, term } from "../terms.js";
import { ErrorMessage } from "../ui.js";
import { DECISION } from "./queue-columns.js";
import { histogramLabels } from "./queue-histogram.js";
import { countAxis } from "../charts/count-axis.js";

// The chart library is most of the client's code: the histogram comes in its own chunk, read and run once the
// rows have come and the browser is idle, after the counts (text) and the rows have shown; its place is kept
// meanwhile, so nothing moves.
const CategoryBarChart = lazy(async () => ({ default: (await import("../charts/CategoryBarChart.js")).CategoryBarChart }));
const HISTOGRAM_HEIGHT = 60;
const IDLE_AT_THE_LATEST_MS = 1500;

/** True once the browser has had an idle moment after `after` became true (or IDLE_AT_THE_LATEST_MS after it). */
function useIdleAfter(after: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!after) return;
    const id = requestIdleCallback(() => setIdle(true), { timeout: IDLE_AT_THE_LATEST_MS });
    return () => cancelIdleCallback(id);
  }, [after]);
  return idle;
}

function HistogramPlace() {
  return (
    <figure className="chart-figure" aria-hidden="true">
      <div className="chart-box" style={{ height: HISTOGRAM_HEIGHT }} />
    </figure>
  );
}

type Band = "high" | "medium" | "low" | "none";
const BANDS: readonly Band[] = ["high", "medium", "low", "none"];
const DECISIONS: readonly DecisionState[] = ["none", "hold", "released", "inspected"];

interface Voyage {
  manifestId: string;
  manifestRef: string;
  vesselName: string | null;
  voyage: string | null;
  flightNumber: string | null;
  arrivalDate: string;
  /** "departing": an export leaving the unit's port on `date` (core/triage/queue-overview.ts). */
  direction: "arriving" | "departing";
  date: string;
  containers: number;
  flagged: number;
  awaitingDecision: number;
  byBand: Record<Band, number>;
  byDecision: Record<DecisionState, number>;
}
export interface QueueCounts {
  total: number;
  flagged: number;
  awaitingDecision: number;
  random: number;
  byBand: Record<Band, number>;
  byDecision: Record<DecisionState, number>;
  histogram: { from: number; to: number; count: number }[];
  /** A broad search: `total` is a lower bound and nothing else was counted. */
  capped?: boolean;
}

/** Voyages arriving or departing soon (`path`: queueReads' voyages); `onPick` filters the queue to one. */
export function VoyageBoard({ path, current, onPick }: { path: string; current: string; onPick: (manifestId: string) => void }) {
  const { t, fmt } = useApp();
  const voyages = useApi<{ items: Voyage[] }>(path);
  if (voyages.error) return <ErrorMessage error={voyages.error} retry={() => void voyages.refetch()} />;
  if (!voyages.data) return null;
  return (
    <section aria-labelledby="board-h" className="voyage-board">
      <h2 id="board-h">{t("board.title", { hours: HOURS })}</h2>
      {voyages.data.items.length === 0 ? (
        <p className="help">{t("board.none", { hours: HOURS })}</p>
      ) : (
        <ul className="voyages">
          {voyages.data.items.map((v) => {
            const when = v.direction === "departing" ? t("board.departing", { date: fmt.date(v.date) }) : fmt.date(v.date);
            const name = [v.vesselName ?? v.flightNumber, v.voyage, when].filter(Boolean).join(" · ");
            return (
              <li key={v.manifestId} data-testid="voyage" className={v.manifestId === current ? "current" : undefined}>
                <button type="button" aria-pressed={v.manifestId === current} onClick={() => onPick(v.manifestId)} aria-label={t("board.show", { voyage: name })}>
                  {name}
                </button>
                <span>{t("board.containers", { n: v.containers })}</span>
                <span>{t("board.flagged", { n: v.flagged })}</span>
                <span>{t("board.awaiting", { n: v.awaitingDecision })}</span>
                <BandCounts byBand={v.byBand} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function BandCounts({ byBand }: { byBand: Record<Band, number> }) {
  const { t, fmt } = useApp();
  return (
    <span className="band-counts">
      {BANDS.map((b) => (
        <span key={b} className={`band band-${b}`}>
          {term(t, BAND, b)} {fmt.number(byBand[b], 0)}
        </span>
      ))}
    </span>
  );
}

/**
 * The counts of the queue's current view (`path`: queueReads' counts): by band and decision, and the score
 * histogram, drawn once `rowsRead` (the queue's first rows have come).
 */
export function ViewCounts({ path, rowsRead }: { path: string; rowsRead: boolean }) {
  const { t, fmt } = useApp();
  const counts = useApi<QueueCounts>(path);
  const idle = useIdleAfter(rowsRead);
  if (counts.error) return <ErrorMessage error={counts.error} retry={() => void counts.refetch()} />;
  const c = counts.data;
  if (!c) return null;
  if (c.capped) {
    return (
      <section aria-labelledby="counts-h" className="view-counts" data-testid="view-counts">
        <div className="view-counts-text">
          <div>
            <h2 id="counts-h">{t("board.counts")}</h2> {t("board.containersCapped", { n: c.total })}
          </div>
          <p>{t("board.countsCapped")}</p>
        </div>
      </section>
    );
  }
  const ranges = histogramLabels(c.histogram, (key, from, to) => t(key, { from: fmt.number(from, 1), to: fmt.number(to, 1) }));
  return (
    <section aria-labelledby="counts-h" className="view-counts" data-testid="view-counts">
      {/* Three short lines with a low histogram beside them: the summary stays above the table without pushing its rows off the first screen. */}
      <div className="view-counts-text">
        <div>
          <h2 id="counts-h">{t("board.counts")}</h2> {t("board.containers", { n: c.total })} · {t("board.flagged", { n: c.flagged })} · {t("board.awaiting", { n: c.awaitingDecision })}
        </div>
        <p>
          <strong>{t("board.bands")}:</strong> <BandCounts byBand={c.byBand} />
        </p>
        <p data-testid="decision-counts">
          <strong>{t("board.decisions")}:</strong>{" "}
          {DECISIONS.map((d) => `${term(t, DECISION, d)} ${fmt.number(c.byDecision[d], 0)}`).join(" · ")}
        </p>
      </div>
      {c.histogram.length > 0 && !idle && <HistogramPlace />}
      {c.histogram.length > 0 && idle && (
        <Suspense fallback={<HistogramPlace />}>
          <CategoryBarChart
            testId="score-histogram"
            title={t("board.histogram")}
            desc={t("board.histogramDesc")}
            categories={ranges}
            series={[{ label: t("board.count") }]}
            values={c.histogram.map((h) => [h.count])}
            countAxis={countAxis(Math.max(0, ...c.histogram.map((h) => h.count)))}
            format={(v) => fmt.number(v, 0)}
            height={HISTOGRAM_HEIGHT}
            tableSummary={t("board.histogram")}
            table={
              <table className="compact">
                <thead>
                  <tr>
                    <th scope="col">{t("board.range")}</th>
                    <th scope="col" className="num">
                      {t("board.count")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.histogram.map((h, i) => (
                    <tr key={ranges[i]}>
                      <th scope="row">{ranges[i]}</th>
                      <td className="num">{fmt.number(h.count, 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </Suspense>
      )}
    </section>
  );
}
