// Analyst: back-test one profile version on the unit's inspected history
// (figures, precision/recall by share inspected, per-indicator contribution)
// and compare it side by side with an active version. The back-test and the
// comparison shown are in the URL (?backtest=, ?comparison=<job id>,
// job-search.ts), so Back, a reload or a shared link show them again.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError, get, post } from "../api.js";
import type { IndicatorPoints } from "../charts/contribution.js";
import { IndicatorPointsChart } from "../charts/IndicatorPointsChart.js";
import { PrecisionRecallChart } from "../charts/PrecisionRecallChart.js";
import { useApp } from "../context.js";
import { FINISHED, Progress, usePolling, type Job } from "../jobs.js";
import { BACKTEST_SEARCH } from "../job-search.js";
import { apiKey, useApi } from "../server-state.js";
import { Empty, ErrorMessage, Field, Link, Loading } from "../ui.js";
import { useUrlState } from "../url-state.js";
import { baselineGroups, unscoredText, type ActiveProfile } from "./backtest-text.js";
import { FiguresHelp } from "./figures-help.js";

interface Metrics {
  profileCode: string;
  version: number | null;
  records: number;
  hits: number;
  selectionRate: number | null;
  precision: number | null;
  recall: number | null;
  lift: number | null;
  topShares: { percent: number; precision: number | null; recall: number | null }[];
  /** No record scored above 0: the top-share curve is only the base rate in arbitrary order. */
  noRecordScored?: boolean;
  /** The profile's scope by transport mode (null: every mode). */
  scopeTransportModes?: string[] | null;
  indicators: IndicatorPoints[];
  /** Held-out and in-sample figures of a version built from the history; "not-built" for one written by hand. */
  sample?: { kind: "built"; learnedFrom: string; learnedTo: string; heldOut: SampleFigures; inSample: SampleFigures } | { kind: "not-built" };
}
type SampleFigures = Pick<Metrics, "records" | "hits" | "selectionRate" | "precision" | "recall" | "lift">;
interface BacktestResult {
  records: number;
  hits: number;
  /** The transport modes of the records back-tested on. */
  transportModes?: string[];
  profile: Metrics;
}
interface ComparisonResult {
  records: number;
  hits: number;
  transportModes?: string[];
  baseline: Metrics;
  candidate: Metrics;
  delta: { selectionRate: number | null; precision: number | null; recall: number | null; lift: number | null };
}

const FIGURES = ["selectionRate", "precision", "recall", "lift"] as const;

/** A job as GET analysis-jobs/{id} gives it: its kind and the profiles it evaluates (the last one: the version back-tested, or the candidate). */
type ShownJob<R> = Job<R> & { kind?: string; params?: { profiles?: { profileCode?: string; version?: number }[] } | null };

/**
 * Whether a job read from a link is this version's back-test (or comparison, as the candidate): another's figures
 * are never shown as its. Judged on what the job says (GET analysis-jobs gives kind and params; a job without them,
 * as the build card reads one, is taken as it is).
 */
function isJobOf<R>(job: ShownJob<R>, kind: "backtest" | "compare", code: string, version: number): boolean {
  if (job.kind !== undefined && job.kind !== kind) return false;
  const profiles = job.params?.profiles;
  if (!Array.isArray(profiles)) return true;
  const own = profiles[profiles.length - 1];
  return own?.profileCode === code && own.version === version;
}

/** A job shown from the URL: polled until finished; another unit's (404), another kind's or another version's said as not found. */
function useShownJob<R>(unitCode: string, id: string, kind: "backtest" | "compare", code: string, version: number) {
  const load = useMemo(() => (id ? () => get<ShownJob<R>>(`/v1/units/${unitCode}/analysis-jobs/${id}`) : null), [unitCode, id]);
  const polled = usePolling(load, (j) => FINISHED.includes(j.status));
  const notFound = (polled.error instanceof ApiError && polled.error.status === 404) || (polled.value !== null && !isJobOf(polled.value, kind, code, version));
  return { value: notFound ? null : polled.value, error: notFound ? null : polled.error, notFound };
}

/** "5%" → value maps for the precision/recall chart. */
export function byShare(topShares: Metrics["topShares"], key: "precision" | "recall"): Record<string, number | null> {
  return Object.fromEntries(topShares.map((s) => [`${s.percent}%`, s[key]]));
}

/** `runRequest`: raised (from 0) when the activation dialog asks for a back-test: one starts, and this section takes focus. */
export function BacktestPanel({ code, version, runRequest = 0 }: { code: string; version: number; runRequest?: number }) {
  const { t, fmt, unit } = useApp();
  const unitCode = unit!.code;
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<Error | null>(null);
  // The jobs shown, by their ids in the URL: Back, a reload or a shared link show them again.
  const [shown, setShown] = useUrlState(BACKTEST_SEARCH.parse, BACKTEST_SEARCH.write);
  const bt = useShownJob<BacktestResult>(unitCode, shown.backtest, "backtest", code, version);
  const cmp = useShownJob<ComparisonResult>(unitCode, shown.comparison, "compare", code, version);
  const profiles = useApi<{ items: ActiveProfile[] }>(`/v1/units/${unitCode}/profiles`);
  // The version's own document, as the editor above has it cached (read from the cache only, never again here):
  // how many indicators it has, which the back-test lists only when they matched a record, and its transport modes.
  const versionKey = apiKey(`/v1/units/${unitCode}/profiles/${code}/versions/${version}`);
  const versionDoc = useQuery<{ definition?: { indicators?: unknown[]; scope?: { transportModes?: string[] } } }>({
    queryKey: versionKey,
    enabled: false,
  });
  const definition = versionDoc.data?.definition;
  const inProfile = Array.isArray(definition?.indicators) ? definition.indicators.length : null;
  const items = profiles.data?.items ?? [];
  const actives = items.filter((p) => p.activeVersion !== null && !(p.code === code && p.activeVersion === version));
  // This version's modes (a draft may differ from the active one the list describes); no mode named: every mode.
  const ownModes = definition ? (definition.scope?.transportModes?.length ? definition.scope.transportModes : null) : (items.find((p) => p.code === code)?.transportModes ?? null);
  const groups = baselineGroups(actives, ownModes);
  const [baseline, setBaseline] = useState("");
  const chosen = actives.find((p) => p.code === baseline) ?? actives.find((p) => p.code === code) ?? groups.applying[0] ?? groups.others[0];
  const start = async (path: string, body: unknown, name: "backtest" | "comparison") => {
    setError(null);
    try {
      const started = await post<{ jobId: string }>(path, body);
      setShown((current) => ({ ...current, [name]: started.jobId }));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  // A job still running keeps its button disabled: a second press would only queue the same work again.
  const btRunning = shown.backtest !== "" && !bt.error && !bt.notFound && !(bt.value && FINISHED.includes(bt.value.status));
  const cmpRunning = shown.comparison !== "" && !cmp.error && !cmp.notFound && !(cmp.value && FINISHED.includes(cmp.value.status));
  const jobFailure = (message: string | null) => new Error(message || t("backtest.jobFailed"));
  const result = bt.value?.status === "succeeded" ? bt.value.result : null;
  const compared = cmp.value?.status === "succeeded" ? cmp.value.result : null;
  // A finished back-test or comparison is the version's latest back-test: the activation dialog's figures are read again,
  // alone (GET .../latest-backtest): the version's document, megabytes for a learned table, is not.
  useEffect(() => {
    if (result || compared) void queryClient.invalidateQueries({ queryKey: [...versionKey, "latest-backtest"], exact: true });
    // Once per finished job (the version's key stays the same while its results change).
  }, [result, compared]);
  const runBacktest = () => void start(`/v1/units/${unitCode}/backtests`, { profile: { profileCode: code, version } }, "backtest");
  const runBacktestRef = useRef(runBacktest);
  runBacktestRef.current = runBacktest;
  const btRunningRef = useRef(btRunning);
  btRunningRef.current = btRunning;
  useEffect(() => {
    if (runRequest === 0) return;
    heading.current?.scrollIntoView({ block: "start" });
    heading.current?.focus();
    if (!btRunningRef.current) runBacktestRef.current();
  }, [runRequest]);
  const signed = (value: number | null) => (value === null ? "—" : `${value > 0 ? "+" : ""}${fmt.number(value * 100, 1)} ${t("backtest.points")}`);
  const show = (key: (typeof FIGURES)[number], value: number | null) => (key === "lift" ? fmt.number(value, 2) : fmt.percent(value));
  // Say why nothing scored, e.g. when the profile's transport modes miss every record (an air profile on a sea unit).
  const unscored = result ? unscoredText(t, result.profile, result.transportModes) : null;
  const sides = compared
    ? (["baseline", "candidate"] as const).map((side) => ({ side, metrics: compared[side], text: unscoredText(t, compared[side], compared.transportModes) })).filter((s) => s.text !== null)
    : [];
  const option = (p: ActiveProfile) => (
    <option key={p.code} value={p.code}>
      {p.code} v{p.activeVersion}
    </option>
  );
  return (
    <>
      <section className="card" aria-labelledby="bt-h">
        <h2 id="bt-h" ref={heading} tabIndex={-1}>
          {t("editor.backtest")}
        </h2>
        <button type="button" disabled={btRunning} onClick={runBacktest}>
          {t("editor.runBacktest")}
        </button>
        {error && <ErrorMessage error={error} />}
        {bt.error && <ErrorMessage error={bt.error} />}
        {bt.notFound && (
          <p className="error" data-testid="backtest-not-found">
            {t("backtest.notFound")}
          </p>
        )}
        {shown.backtest !== "" && !bt.value && !bt.error && !bt.notFound && <Loading />}
        {bt.value && <Progress id="bt-progress" status={bt.value.status} progress={bt.value.status === "succeeded" ? 1 : bt.value.progress} phase={bt.value.phase} />}
        {bt.value?.status === "failed" && <ErrorMessage error={jobFailure(bt.value.error)} />}
        {result && result.records === 0 && (
          <Empty>
            <span data-testid="backtest-no-history">{t("backtest.noHistory")}</span>{" "}
            <Link to={`/units/${unitCode}/analysis`}>{t("backtest.importHistory")}</Link>
          </Empty>
        )}
        {result && result.records > 0 && <SampleFigureTable sample={result.profile.sample} show={show} />}
        {result && result.records > 0 && (
          <div data-testid="backtest-result">
            {result.profile.sample?.kind === "built" && <h3>{t("backtest.allRecords")}</h3>}
            <dl className="facts">
              <dt>{t("analysis.records")}</dt>
              <dd>{fmt.number(result.records, 0)}</dd>
              <dt>{t("backtest.hits")}</dt>
              <dd>{fmt.number(result.hits, 0)}</dd>
              {FIGURES.map((k) => (
                <div key={k} className="fact">
                  <dt>{t(`backtest.${k}`)}</dt>
                  <dd>{show(k, result.profile[k])}</dd>
                </div>
              ))}
            </dl>
            {unscored !== null ? (
              <p className="notice" role="status" data-testid="backtest-unscored">
                {unscored}
              </p>
            ) : (
              <PrecisionRecallChart precision={byShare(result.profile.topShares, "precision")} recall={byShare(result.profile.topShares, "recall")} caption={t("backtest.chartCaption")} />
            )}
            <FiguresHelp />
            <IndicatorPointsChart indicators={result.profile.indicators} inProfile={inProfile} />
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="cmp-h">
        <h2 id="cmp-h">{t("backtest.compare")}</h2>
        {profiles.isPending && <Loading />}
        {profiles.error && <ErrorMessage error={profiles.error} retry={() => void profiles.refetch()} />}
        {profiles.data && actives.length === 0 && <p>{t("backtest.noActive")}</p>}
        {chosen && (
          <div className="actions">
            <Field label={t("backtest.baseline")}>
              <select value={chosen.code} onChange={(e) => setBaseline(e.target.value)}>
                {groups.others.length === 0 ? (
                  groups.applying.map(option)
                ) : (
                  <>
                    {groups.applying.length > 0 && <optgroup label={t("backtest.baselinesApplying")}>{groups.applying.map(option)}</optgroup>}
                    <optgroup label={t("backtest.baselinesOther")}>{groups.others.map(option)}</optgroup>
                  </>
                )}
              </select>
            </Field>
            <button
              type="button"
              disabled={cmpRunning}
              onClick={() =>
                void start(
                  `/v1/units/${unitCode}/backtest-comparisons`,
                  { baseline: { profileCode: chosen.code, version: chosen.activeVersion }, candidate: { profileCode: code, version } },
                  "comparison",
                )
              }
            >
              {t("backtest.runCompare")}
            </button>
          </div>
        )}
        {cmp.error && <ErrorMessage error={cmp.error} />}
        {cmp.notFound && (
          <p className="error" data-testid="comparison-not-found">
            {t("backtest.comparisonNotFound")}
          </p>
        )}
        {shown.comparison !== "" && !cmp.value && !cmp.error && !cmp.notFound && <Loading />}
        {cmp.value && <Progress id="cmp-progress" status={cmp.value.status} progress={cmp.value.status === "succeeded" ? 1 : cmp.value.progress} phase={cmp.value.phase} />}
        {cmp.value?.status === "failed" && <ErrorMessage error={jobFailure(cmp.value.error)} />}
        {sides.map(({ side, metrics, text }) => (
          <p key={side} className="notice" role="status" data-testid={`comparison-unscored-${side}`}>
            <strong>
              {t(`backtest.${side}`)}: {metrics.profileCode} v{metrics.version}
            </strong>{" "}
            {text}
          </p>
        ))}
        {compared && (
          <table data-testid="comparison" className="compact">
            <caption>{t("backtest.onRecords", { records: fmt.number(compared.records, 0), hits: fmt.number(compared.hits, 0) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("backtest.figure")}</th>
                <th scope="col" className="num">
                  {t("backtest.baseline")}: {compared.baseline.profileCode} v{compared.baseline.version}
                </th>
                <th scope="col" className="num">
                  {t("backtest.candidate")}: {compared.candidate.profileCode} v{compared.candidate.version}
                </th>
                <th scope="col" className="num">{t("backtest.delta")}</th>
              </tr>
            </thead>
            <tbody>
              {FIGURES.map((k) => (
                <tr key={k}>
                  <th scope="row">{t(`backtest.${k}`)}</th>
                  <td className="num">{show(k, compared.baseline[k])}</td>
                  <td className="num">{show(k, compared.candidate[k])}</td>
                  <td className="num">{k === "lift" ? (compared.delta.lift === null ? "—" : `${compared.delta.lift > 0 ? "+" : ""}${fmt.number(compared.delta.lift, 2)}`) : signed(compared.delta[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {compared && <FiguresHelp />}
      </section>
    </>
  );
}

/** Held-out first: the figures on records the version never learned from, then those on its own training records. */
function SampleFigureTable({ sample, show }: { sample: Metrics["sample"]; show: (key: (typeof FIGURES)[number], value: number | null) => string }) {
  const { t, fmt } = useApp();
  if (!sample) return null;
  if (sample.kind === "not-built") return <p data-testid="backtest-sample">{t("backtest.notBuilt")}</p>;
  const parts = [
    { key: "held-out", title: t("backtest.heldOut"), figures: sample.heldOut },
    { key: "in-sample", title: t("backtest.inSample"), figures: sample.inSample },
  ];
  return (
    <table data-testid="backtest-sample" className="compact">
      <caption>{t("backtest.sampleCaption", { from: fmt.date(sample.learnedFrom), to: fmt.date(sample.learnedTo) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("backtest.figure")}</th>
          {parts.map((p) => (
            <th key={p.key} scope="col" className="num">
              {p.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t("analysis.records")}</th>
          {parts.map((p) => (
            <td key={p.key} className="num">
              {fmt.number(p.figures.records, 0)}
            </td>
          ))}
        </tr>
        {FIGURES.map((k) => (
          <tr key={k}>
            <th scope="row">{t(`backtest.${k}`)}</th>
            {parts.map((p) => (
              <td key={p.key} className="num">
                {p.figures.records === 0 ? t("backtest.noRecords") : show(k, p.figures[k])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
