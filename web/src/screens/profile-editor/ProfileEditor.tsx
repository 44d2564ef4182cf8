// Analyst: one profile version. A draft is edited in a form and in its JSON
// document side by side (the two stay in step), validated live by the API
// with messages next to the fields, dry-run on a container or on recent
// shipments, compared with another version, saved, activated; an active
// version can be retired.
import { useEffect, useMemo, useState } from "react";
import { PROFILE_STATUS, term } from "../../terms.js";
import { post } from "../../api.js";
import { useApp } from "../../context.js";
import { useApi, useInvalidate } from "../../server-state.js";
import { editForm, editJson, isDirty, loadDefinition, markSaved, type EditorState } from "../../profile-editor-state.js";
import { formPaths, placeErrors } from "../../profile-errors.js";
import { ErrorMessage, Link, Loading, Notice } from "../../ui.js";
import { BacktestPanel } from "../Backtest.js";
import { DiffPanel } from "./DiffPanel.js";
import { DryRunPanel } from "./DryRunPanel.js";
import { JsonView } from "./JsonView.js";
import { ProfileFormView } from "./ProfileFormView.js";
import { VersionActions } from "./VersionActions.js";
import { ValidationSummary, type Validation } from "./ValidationSummary.js";
import "./profile-editor.css";

export interface VersionDetail {
  version: number;
  status: string;
  createdBy: string | null;
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
  definition: unknown;
}

export function ProfileEditor({ code, version }: { code: string; version: number }) {
  const { t, fmt, unit } = useApp();
  const base = `/v1/units/${unit!.code}/profiles`;
  const isAnalyst = unit!.yourRoles.includes("analyst");
  const loaded = useApi<VersionDetail>(`${base}/${code}/versions/${version}`);
  const invalidate = useInvalidate();
  const [editor, setEditor] = useState<EditorState | null>(null);
  const [validation, setValidation] = useState<Validation | null>(null);
  const [checking, setChecking] = useState(false);
  const [validationError, setValidationError] = useState<Error | null>(null);

  useEffect(() => {
    if (loaded.data && editor === null) setEditor(loadDefinition(loaded.data.definition));
  }, [loaded.data, editor]);

  // Live validation of a draft, 400 ms after the last change in either view.
  const isDraft = loaded.data?.status === "draft";
  const loadedEditor = editor !== null;
  const jsonError = editor?.jsonError ?? null;
  const doc = editor?.doc;
  useEffect(() => {
    if (!loadedEditor || !isAnalyst || !isDraft) return;
    if (jsonError !== null) {
      setValidation({ parseError: jsonError });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setChecking(true);
      post<{ valid: boolean; errors: { path: string; message: string }[] }>(`${base}/validate`, doc)
        .then(
          (result) => live && (setValidation(result), setValidationError(null)),
          (e: unknown) => live && setValidationError(e instanceof Error ? e : new Error(String(e))),
        )
        .finally(() => live && setChecking(false));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [loadedEditor, jsonError, doc, base, isAnalyst, isDraft]);

  const form = editor?.form ?? null;
  const errors = validation && "valid" in validation ? validation.errors : [];
  // Without errors there is nothing to place (and no need to list the thousands of places of a learned table).
  const placed = useMemo(() => (form ? placeErrors(errors, errors.length === 0 ? [] : formPaths(form)) : null), [form, errors]);
  const dirty = useMemo(() => (editor ? isDirty(editor) : false), [editor]);
  // Closing the tab with unsaved changes asks first.
  const unsaved = isDraft && isAnalyst && dirty;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  if (loaded.isPending) return <Loading />;
  if (loaded.error) return <ErrorMessage error={loaded.error} retry={() => void loaded.refetch()} />;
  if (!editor || !loaded.data) return <Loading />;
  const detail = loaded.data;
  const editable = isAnalyst && detail.status === "draft";
  const formReadOnly = !editable || editor.jsonError !== null;

  return (
    <article aria-labelledby="editor-title" className="pe">
      <p>
        <Link to={`/units/${unit!.code}/profiles`}>← {t("nav.profiles")}</Link>
      </p>
      <h1 id="editor-title">{t("editor.title", { code, version })}</h1>
      <p className="pe-state" data-testid="version-state">
        <span className={`tag state-${detail.status}`}>{term(t, PROFILE_STATUS, detail.status)}</span>{" "}
        <span className="meta">
          {t("pe.created", { date: fmt.dateTime(detail.createdAt), user: detail.createdBy ?? "—" })}
          {detail.activatedAt && ` · ${t("pe.activatedOn", { date: fmt.dateTime(detail.activatedAt) })}`}
          {detail.retiredAt && ` · ${t("pe.retiredOn", { date: fmt.dateTime(detail.retiredAt) })}`}
        </span>
        {editable && dirty && <span className="tag pe-unsaved">{t("pe.unsaved")}</span>}
      </p>
      {!editable && <p>{t("editor.readOnly")}</p>}
      {isAnalyst && (
        <VersionActions
          code={code}
          version={version}
          status={detail.status}
          editor={editor}
          dirty={dirty}
          onSaved={(saved) => setEditor((s) => (s ? markSaved(s, saved) : s))}
          // Activation and retirement change the unit's profiles, the scores of upcoming shipments and the watchlists' users.
          onChanged={() => void invalidate(base, `/v1/units/${unit!.code}/shipments`, `/v1/units/${unit!.code}/watchlists`)}
        />
      )}
      {editable && <ValidationSummary validation={validation} checking={checking} placed={placed} />}
      {validationError && <ErrorMessage error={validationError} />}
      <div className="pe-layout">
        <section className="pe-form" aria-labelledby="pe-form-h">
          <h2 id="pe-form-h">{t("pe.formTitle")}</h2>
          {editor.jsonError !== null && editable && <Notice>{t("pe.formWaits")}</Notice>}
          {form && placed ? (
            <ProfileFormView
              form={form}
              placed={placed}
              readOnly={formReadOnly}
              onChange={(next) => setEditor((s) => (s?.form ? editForm(s, typeof next === "function" ? next(s.form) : next) : s))}
            />
          ) : (
            <p className="empty">{t("pe.formUnavailable")}</p>
          )}
        </section>
        <section className="pe-json" aria-labelledby="pe-json-h">
          <h2 id="pe-json-h">{t("pe.jsonTitle")}</h2>
          <JsonView editor={editor} editable={editable} onType={(typed) => setEditor((s) => (s ? editJson(s, typed) : s))} />
        </section>
      </div>
      {isAnalyst && <DryRunPanel code={code} source={editable ? { definition: editor.doc } : { version }} blocked={editable && editor.jsonError !== null ? t("pe.fixJsonFirst") : null} />}
      {isAnalyst && <DiffPanel code={code} version={version} dirty={editable && dirty} />}
      {isAnalyst && <BacktestPanel code={code} version={version} />}
    </article>
  );
}
