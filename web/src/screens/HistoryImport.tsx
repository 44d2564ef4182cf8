// Analyst: import inspected history from a CSV or JSON-lines file, with the
// customs-declarations preset, manifest-contract lines (manifest-jsonl: JSON
// lines only, no mapping) or the analyst's own column mapping (the
// file's column names are read in the browser to offer them), checked before
// anything is sent; then progress, counts and the rejected rows. The import
// shown is in the URL (?import=<import id>, job-search.ts, beside the build
// card's ?build=), so Back, a reload or a shared link show it again.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { LiveRegion } from "../a11y.js";
import { ApiError, asError, get, upload } from "../api.js";
import { useApp } from "../context.js";
import { FormField } from "../form-field.js";
import {
  COLUMNS_MODES,
  CONTENT_TYPES,
  FILE_ACCEPT,
  keepKnownColumns,
  MAPPING_TARGETS,
  mappingProblems,
  missingPresetColumns,
  readHeader,
  REQUIRED_TARGETS,
  suggestMapping,
  uploadQuery,
  type ColumnsMode,
  type HeaderResult,
  type MappingSelection,
  type MappingTarget,
  type RecordFormat,
} from "../history-upload.js";
import { FINISHED, Progress, usePolling } from "../jobs.js";
import { IMPORT_SEARCH } from "../job-search.js";
import type { Translate } from "../i18n.js";
import { ErrorMessage, Loading } from "../ui.js";
import { useUrlState } from "../url-state.js";
import { ImportErrors, type ImportError } from "./ImportErrors.js";

interface HistoryImport {
  id: string;
  fileName: string | null;
  status: string;
  progress: number;
  counts: { total: number; imported: number; duplicate: number; rejected: number };
  errors: ImportError[] | null;
  error: string | null;
}

/** The start of the file, enough for its first line. */
const readStart = (file: Blob) => file.slice(0, 256 * 1024).text();

/** What stops the upload, in the user's language: field-level problems and one list for the summary. */
function problemsOf(t: Translate, header: HeaderResult | null, mode: ColumnsMode, selection: MappingSelection) {
  const byTarget: Partial<Record<MappingTarget, string>> = {};
  const summary: string[] = [];
  if (!header) return { byTarget, summary };
  if (!header.ok) return { byTarget, summary: [t(`import.header.${header.problem}`)] };
  if (mode === "manifest") return { byTarget, summary };
  if (mode === "preset") {
    const missing = missingPresetColumns(header.columns);
    if (missing.length > 0) summary.push(t("import.presetMissing", { columns: missing.join(", ") }));
    return { byTarget, summary };
  }
  for (const p of mappingProblems(selection, header.columns)) {
    const field = t(`import.field.${p.target}`);
    byTarget[p.target] = p.problem === "required" ? t("import.mapRequired") : t("import.mapNotInFile", { column: p.column });
    summary.push(p.problem === "required" ? t("import.mapRequiredField", { field }) : t("import.mapNotInFileField", { field, column: p.column }));
  }
  return { byTarget, summary };
}

/** One of a few options, as radio buttons, each with its text. */
function RadioChoice<T extends string>(props: { legend: string; name: string; options: readonly T[]; value: T; text: (option: T) => string; onChange: (value: T) => void }) {
  const { legend, name, value, onChange } = props;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {props.options.map((option) => (
        <label key={option} className="check">
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {props.text(option)}
        </label>
      ))}
    </fieldset>
  );
}

export function HistoryImportCard() {
  const { t, fmt, unit } = useApp();
  const base = `/v1/units/${unit!.code}/history-imports`;
  const [format, setFormat] = useState<RecordFormat>("csv");
  const [mode, setMode] = useState<ColumnsMode>("preset");
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<HeaderResult | null>(null);
  const [selection, setSelection] = useState<MappingSelection>({});
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  // The import shown, by its id in the URL; the build card beside it keeps its own ?build= (IMPORT_SEARCH.keep).
  const [shown, setShown] = useUrlState(IMPORT_SEARCH.parse, IMPORT_SEARCH.write, IMPORT_SEARCH.keep);
  // The import uploaded on this page, said queued until its first poll; one opened from a link says loading.
  const [started, setStarted] = useState("");
  const load = useMemo(() => (shown.import ? () => get<HistoryImport>(`${base}/${shown.import}`) : null), [base, shown.import]);
  const polled = usePolling(load, (h) => FINISHED.includes(h.status));

  const applyHeader = (next: HeaderResult) => {
    setHeader(next);
    if (next.ok) setSelection((s) => ({ ...suggestMapping(next.columns), ...keepKnownColumns(s, next.columns) }));
  };
  useEffect(() => {
    setChecked(false);
    if (!file) {
      setHeader(null);
      return;
    }
    let live = true;
    readStart(file).then(
      (text) => live && applyHeader(readHeader(text, format)),
      (e: unknown) => live && setError(asError(e)),
    );
    return () => {
      live = false;
    };
  }, [file, format]);

  const problems = problemsOf(t, header, mode, selection);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setShown({ import: "" });
    // Read again: the check must be about this file in this format, whatever the timing of the effect above.
    const current = readHeader(await readStart(file), format);
    setHeader(current);
    setChecked(true);
    if (problemsOf(t, current, mode, selection).summary.length > 0) return;
    setBusy(true);
    try {
      const answer = await upload<{ importId: string }>(`${base}?${uploadQuery(mode, file.name, selection)}`, file, CONTENT_TYPES[format]);
      setStarted(answer.importId);
      setShown({ import: answer.importId });
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  const columns = header?.ok ? header.columns : [];
  // A link's id of another unit's import, or of none: said as such, not as an error.
  const notFound = polled.error instanceof ApiError && polled.error.status === 404;
  // Until the poll of a new upload answers, the previous import's figures are not shown as if they were its.
  const done = load && !notFound ? polled.value : null;
  const errors = done?.errors ?? [];
  const showProblems = checked || (header !== null && !header.ok);
  return (
    <section className="card" aria-labelledby="import-h">
      <h2 id="import-h">{t("analysis.import")}</h2>
      <p>{t("analysis.importHelp")}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="choices">
          {/* manifest-jsonl is JSON lines only: choosing one format or the other keeps the pair consistent. */}
          <RadioChoice legend={t("import.format")} name="import-format" options={["csv", "ndjson"] as const} value={format} text={(f) => t(`import.format.${f}`)} onChange={(f) => {
            setFormat(f);
            if (f === "csv" && mode === "manifest") setMode("preset");
          }} />
          <RadioChoice legend={t("import.columns")} name="import-columns" options={COLUMNS_MODES} value={mode} text={(m) => t(`import.columns.${m}`)} onChange={(m) => {
            setMode(m);
            if (m === "manifest") setFormat("ndjson");
          }} />
        </div>
        <FormField id="import-file" label={t(format === "csv" ? "analysis.file" : "import.fileJsonLines")} hint={mode === "preset" ? t("import.presetHint") : mode === "manifest" ? t("import.manifestHint") : undefined}>
          {(control) => <input {...control} type="file" accept={FILE_ACCEPT[format]} required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </FormField>
        {mode === "custom" && (
          <fieldset className="mapping" data-testid="import-mapping">
            <legend>{t("import.mapping")}</legend>
            <p className="help">{columns.length > 0 ? t("import.columnsFound", { columns: columns.join(", ") }) : t("import.chooseFileFirst")}</p>
            <div className="form-grid">
              {MAPPING_TARGETS.map((target) => (
                <FormField
                  key={target}
                  id={`map-${target}`}
                  label={REQUIRED_TARGETS.includes(target) ? t("import.requiredField", { field: t(`import.field.${target}`) }) : t(`import.field.${target}`)}
                  error={showProblems ? problems.byTarget[target] : undefined}
                >
                  {(control) => (
                    <select {...control} value={selection[target] ?? ""} onChange={(e) => setSelection((s) => ({ ...s, [target]: e.target.value }))}>
                      <option value="">{t("import.notMapped")}</option>
                      {[...new Set([...columns, ...(selection[target] ? [selection[target]] : [])])].map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  )}
                </FormField>
              ))}
            </div>
          </fieldset>
        )}
        {showProblems && problems.summary.length > 0 && (
          <LiveRegion role="alert" className="error" testId="import-problems">
            <p>{t("import.fixFirst")}</p>
            <ul>
              {problems.summary.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </LiveRegion>
        )}
        <button type="submit" disabled={!file || busy}>
          {t("analysis.upload")}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
      {notFound && (
        <p className="error" data-testid="import-not-found">
          {t("analysis.importNotFound")}
        </p>
      )}
      {polled.error && !notFound && <ErrorMessage error={polled.error} />}
      {load && !done && !polled.error && (shown.import === started ? <Progress id="import-progress" status="queued" progress={0} /> : <Loading />)}
      {done && <Progress id="import-progress" status={done.status} progress={done.progress} />}
      {done?.error && <p className="error">{done.error}</p>}
      {done && done.status === "succeeded" && (
        <>
          <dl className="facts" data-testid="import-counts">
            <dt>{t("analysis.total")}</dt>
            <dd>{fmt.number(done.counts.total, 0)}</dd>
            <dt>{t("analysis.imported")}</dt>
            <dd>{fmt.number(done.counts.imported, 0)}</dd>
            <dt>{t("analysis.duplicate")}</dt>
            <dd>{fmt.number(done.counts.duplicate, 0)}</dd>
            <dt>{t("analysis.rejected")}</dt>
            <dd>{fmt.number(done.counts.rejected, 0)}</dd>
          </dl>
          {errors.length > 0 && <ImportErrors errors={errors} rejected={done.counts.rejected} />}
        </>
      )}
    </section>
  );
}
