// Analyst: import inspected history (HistoryImport.tsx), then learn a draft
// profile from it (progress, plain-language explanation, held-out back-test
// figures and a precision/recall chart). The build shown is in the URL
// (?build=<job id>, job-search.ts) and the unit's recent builds are listed (RecentBuilds.tsx).
import { useMemo, useState, type FormEvent } from "react";
import { ApiError, get, post } from "../api.js";
import { BUILD_SEARCH } from "../job-search.js";
import { useApp } from "../context.js";
import { PrecisionRecallChart } from "../charts/PrecisionRecallChart.js";
import { FINISHED, Progress, usePolling, type Job } from "../jobs.js";
import { FormField } from "../form-field.js";
import type { MessageKey } from "../i18n.js";
import { ErrorMessage, Field, Link, Loading } from "../ui.js";
import { FiguresHelp } from "./figures-help.js";
import { HistoryImportCard } from "./HistoryImport.js";
import { RecentBuilds } from "./RecentBuilds.js";
import { useInvalidate } from "../server-state.js";
import { useUrlState } from "../url-state.js";
import { buildExplanation, strongestText, type ExplainedReport, type StrongestEntry } from "../build-report-text.js";
import { failureText } from "../job-failure-text.js";

interface BuildResult {
  profile: { code: string; name: string; version: number; indicators: number; learnedFrom: string };
  /** The explanation in English, for API clients; the page composes it from `report` (older results lack its data). */
  explanation: string;
  report: Partial<ExplainedReport> & { strongest: (Partial<StrongestEntry> & { text: string })[] };
  backtest: {
    evaluateFrom: string;
    evaluateTo: string;
    buildRecords: number;
    evaluationRecords: number;
    hits: number;
    baseRate: number | null;
    precisionAtTop: Record<string, number | null>;
    recallAtTop: Record<string, number | null>;
    selected: { count: number; share: number | null; precision: number | null; recall: number | null };
    /** The same figures on the evaluation period's random selections: the unbiased sample. */
    randomSelections?: { records: number; hits: number; precisionAtTop: Record<string, number | null> };
  };
}

export function Analysis() {
  const { t, unit } = useApp();
  return (
    <section aria-labelledby="analysis-title">
      <h1 id="analysis-title">{t("analysis.title", { unit: unit!.code })}</h1>
      <HistoryImportCard />
      <ProfileBuildCard />
    </section>
  );
}

function lastTwelveMonths(): { from: string; to: string } {
  const to = new Date();
  const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate() + 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

type BuildForm = { from: string; to: string; evaluateFrom: string; code: string; name: string; sources: string };
type DateField = "from" | "to" | "evaluateFrom";

/**
 * The periods' problems, found before the build is asked for and said under
 * their field in the reader's words: the API's answer named the field by its
 * JSON name in English ("evaluateFrom: must be after from ..."), under a
 * Spanish page too. ISO dates (yyyy-mm-dd) compare as text.
 */
export function buildFormProblems(form: Pick<BuildForm, DateField>): Partial<Record<DateField, MessageKey>> {
  const problems: Partial<Record<DateField, MessageKey>> = {};
  if (form.from && form.to && form.from > form.to) problems.to = "analysis.check.toBeforeFrom";
  else if (form.evaluateFrom && ((form.from && form.evaluateFrom <= form.from) || (form.to && form.evaluateFrom > form.to))) problems.evaluateFrom = "analysis.check.evaluateOutside";
  return problems;
}

function ProfileBuildCard() {
  const { t, fmt, language, unit } = useApp();
  const code = unit!.code;
  // Defaults to the last 12 months: an empty form only got the browser's "fill in this field" bubble.
  const [form, setForm] = useState<BuildForm>(() => ({ ...lastTwelveMonths(), evaluateFrom: "", code: "", name: "", sources: "all" }));
  const [problems, setProblems] = useState<Partial<Record<DateField, MessageKey>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  // The build shown, by its job id in the URL: Back, a reload or a shared link show it again.
  // The history import card beside it keeps its own ?import= (BUILD_SEARCH.keep).
  const [shown, setShown] = useUrlState(BUILD_SEARCH.parse, BUILD_SEARCH.write, BUILD_SEARCH.keep);
  // The build started on this page, said queued until its first poll; one opened from a link says loading.
  const [started, setStarted] = useState("");
  const invalidate = useInvalidate();
  const load = useMemo(() => (shown.build ? () => get<Job<BuildResult> & { kind?: string }>(`/v1/units/${code}/analysis-jobs/${shown.build}`) : null), [code, shown.build]);
  const polled = usePolling(load, (j) => FINISHED.includes(j.status));
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    // A date edited may put the periods right: the problems are checked again at the next start.
    if (key === "from" || key === "to" || key === "evaluateFrom") setProblems({});
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = buildFormProblems(form);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      const first = (["from", "to", "evaluateFrom"] as const).find((k) => found[k] !== undefined);
      document.getElementById(`build-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The draft's generated name and rationale are stored in the analyst's language.
      const body: Record<string, string> = { from: form.from, to: form.to, sources: form.sources, language };
      if (form.evaluateFrom) body.evaluateFrom = form.evaluateFrom;
      if (form.code.trim()) body.code = form.code.trim().toUpperCase();
      if (form.name.trim()) body.name = form.name.trim();
      const answer = await post<{ jobId: string }>(`/v1/units/${code}/profile-builds`, body);
      setStarted(answer.jobId);
      setShown({ build: answer.jobId });
      await invalidate(`/v1/units/${code}/profile-builds`);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  // A link's id of another unit's job, or of a job that is no build: said as such, not as an error.
  const notFound = (polled.error instanceof ApiError && polled.error.status === 404) || (polled.value !== null && polled.value.kind !== undefined && polled.value.kind !== "build");
  const job = notFound ? null : polled.value;
  const result = job?.status === "succeeded" ? job.result : null;
  // Results stored before the report carried its wording as data show the server's English text.
  const composed = result?.report.wording !== undefined && result.report.history !== undefined && result.report.options !== undefined ? (result.report as ExplainedReport) : null;
  return (
    <section className="card" aria-labelledby="build-h">
      <h2 id="build-h">{t("analysis.build")}</h2>
      <p>{t("analysis.buildHelp")}</p>
      <form onSubmit={(e) => void submit(e)}>
        <div className="form-grid">
          {(["from", "to", "evaluateFrom"] as const).map((key) => (
            <FormField
              key={key}
              id={`build-${key}`}
              label={t(`analysis.${key}`)}
              hint={key === "evaluateFrom" ? t("analysis.evaluateFromHint") : undefined}
              error={problems[key] === undefined ? undefined : t(problems[key])}
            >
              {(control) => <input type="date" required={key !== "evaluateFrom"} value={form[key]} onChange={set(key)} {...control} />}
            </FormField>
          ))}
          <Field label={t("analysis.sources")}>
            <select value={form.sources} onChange={set("sources")}>
              <option value="all">{t("analysis.sources.all")}</option>
              <option value="manifests">{t("analysis.sources.manifests")}</option>
              <option value="imports">{t("analysis.sources.imports")}</option>
            </select>
          </Field>
          <Field label={t("analysis.code")}>
            <input value={form.code} onChange={set("code")} pattern="[A-Za-z0-9][A-Za-z0-9_\-]{1,39}" />
          </Field>
          <Field label={t("analysis.name")}>
            <input value={form.name} onChange={set("name")} maxLength={200} />
          </Field>
        </div>
        <button type="submit" disabled={busy}>
          {t("analysis.startBuild")}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
      {notFound && <p className="error">{t("analysis.buildNotFound")}</p>}
      {polled.error && !notFound && <ErrorMessage error={polled.error} />}
      {load && !job && !polled.error && !notFound && (shown.build === started ? <Progress id="build-progress" status="queued" progress={0} /> : <Loading />)}
      {job && <Progress id="build-progress" status={job.status} progress={job.status === "succeeded" ? 1 : job.progress} />}
      {job?.status === "failed" && <p className="error">{failureText(t, fmt, job)}</p>}
      {result && (
        <div data-testid="build-result">
          <h3>{t("analysis.explanation")}</h3>
          <p>{composed ? buildExplanation(t, fmt, composed) : result.explanation}</p>
          {result.report.strongest.length > 0 && (
            <>
              <h3>{t("analysis.strongest")}</h3>
              <ul>
                {result.report.strongest.map((entry) => (
                  <li key={entry.text}>{composed && entry.kind !== undefined ? strongestText(t, fmt, composed.wording, entry as StrongestEntry) : entry.text}</li>
                ))}
              </ul>
            </>
          )}
          <p>
            <Link to={`/units/${code}/profiles/${result.profile.code}/versions/${result.profile.version}`}>
              {t("analysis.openDraft", { code: result.profile.code, version: result.profile.version })}
            </Link>
          </p>
          <h3>{t("analysis.backtest")}</h3>
          <dl className="facts">
            <dt>{t("analysis.evaluated")}</dt>
            <dd>
              {fmt.date(result.backtest.evaluateFrom)} – {fmt.date(result.backtest.evaluateTo)}
            </dd>
            <dt>{t("analysis.records")}</dt>
            <dd>{t("analysis.recordsValue", { build: fmt.number(result.backtest.buildRecords, 0), evaluation: fmt.number(result.backtest.evaluationRecords, 0) })}</dd>
            <dt>{t("analysis.hits")}</dt>
            <dd>{fmt.number(result.backtest.hits, 0)}</dd>
            <dt>{t("analysis.baseRate")}</dt>
            <dd>{fmt.percent(result.backtest.baseRate)}</dd>
            <dt>{t("editor.selectionRate")}</dt>
            <dd>{fmt.percent(result.backtest.selected.share)}</dd>
            <dt>{t("editor.precision")}</dt>
            <dd>{fmt.percent(result.backtest.selected.precision)}</dd>
            <dt>{t("editor.recall")}</dt>
            <dd>{fmt.percent(result.backtest.selected.recall)}</dd>
            {result.backtest.randomSelections !== undefined && (
              <>
                <dt>{t("analysis.randomSelections")}</dt>
                <dd>
                  {t("analysis.randomSelectionsValue", {
                    records: fmt.number(result.backtest.randomSelections.records, 0),
                    hits: fmt.number(result.backtest.randomSelections.hits, 0),
                    precision: fmt.percent(result.backtest.randomSelections.precisionAtTop["10%"] ?? null),
                  })}
                </dd>
              </>
            )}
          </dl>
          <PrecisionRecallChart precision={result.backtest.precisionAtTop} recall={result.backtest.recallAtTop} />
          <FiguresHelp lift={false} />
        </div>
      )}
      <RecentBuilds unitCode={code} shown={shown.build} />
    </section>
  );
}
