// Analyst: one profile version. A draft is edited in a form and in its JSON
// document side by side (the two stay in step), validated live by the API
// with messages next to the fields, dry-run on a container or on recent
// shipments, compared with another version, saved, activated; an active
// version can be retired.
// A learned profile's tables hold up to 100,000 entries: a draft's document
// is written, compared with the saved one, checked for keys written twice
// and sent to the validator by a worker (profile-document-client.ts), 400 ms
// after the last edit, so typing never waits for it. The version's document
// is read once and kept in the query cache with the API's answer as text,
// which the worker parses for its own copy: opening the editor writes no
// JSON and builds no table rows on the main thread (a table's rows are
// built when its indicator is opened).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { PROFILE_STATUS, term } from "../../terms.js";
import { request } from "../../api.js";
import { useApp } from "../../context.js";
import { apiKey, useInvalidate } from "../../server-state.js";
import { ProfileDocumentClient, failureError, type Synced } from "../../profile-document-client.js";
import { editForm, editJson, loadDefinition, markSavedText, untouched, type EditorState } from "../../profile-editor-state.js";
import type { PlacedErrors } from "../../profile-errors.js";
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
  /** The author's user name, or a label such as "system"; createdByName is the user's display name. */
  createdBy: string | null;
  createdByName?: string | null;
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
  definition: unknown;
}

/** The version as cached here: with the API's answer as text, for the editor's worker (absent when another screen cached it). */
type LoadedVersion = VersionDetail & { response?: string };

async function readVersion(path: string): Promise<LoadedVersion> {
  const response = await (await request("GET", path)).text();
  return { ...(JSON.parse(response) as VersionDetail), response };
}

/** How long after the last edit the draft is validated. */
const VALIDATE_DELAY = 400;
const NOTHING_PLACED: PlacedErrors = { at: new Map(), unplaced: [], placements: [] };

export function ProfileEditor({ code, version }: { code: string; version: number }) {
  const { t, fmt, unit } = useApp();
  const base = `/v1/units/${unit!.code}/profiles`;
  const isAnalyst = unit!.yourRoles.includes("analyst");
  const versionPath = `${base}/${code}/versions/${version}`;
  // Read once: the screen's own writes (save, activate, retire) mark it to be read again.
  const loaded = useQuery<LoadedVersion, Error>({ queryKey: apiKey(versionPath), queryFn: () => readVersion(versionPath), staleTime: Infinity });
  const invalidate = useInvalidate();
  const [editor, setEditor] = useState<EditorState | null>(null);
  const [checking, setChecking] = useState(false);
  const [validationError, setValidationError] = useState<Error | null>(null);
  /** The worker's last verdict, and its last answer (dirty, duplicate keys) with the editor state it was about. */
  const [validated, setValidated] = useState<{ validation: Validation; placed: PlacedErrors } | null>(null);
  const [synced, setSynced] = useState<{ editor: EditorState | undefined; answer: Synced } | null>(null);
  /** Raised by the activation dialog's "run a back-test": the back-test section starts one. */
  const [backtestRequest, setBacktestRequest] = useState(0);

  // A document saved since it was read is read again first (a save marks it so without reading it at once).
  const fresh = loaded.data !== undefined && !loaded.isFetching;
  useEffect(() => {
    if (fresh && loaded.data && editor === null) setEditor(loadDefinition(loaded.data.definition, undefined, loaded.data.response?.length));
  }, [fresh, loaded.data, editor]);

  const isDraft = loaded.data?.status === "draft";
  const live = isAnalyst && isDraft;
  const [client, setClient] = useState<ProfileDocumentClient | null>(null);
  const sent = useRef(new Map<number, EditorState>());
  const lastValidation = useRef(0);
  useEffect(() => {
    if (!live) return;
    const created = new ProfileDocumentClient((answer) => {
      const about = sent.current.get(answer.revision);
      for (const revision of sent.current.keys()) if (revision < answer.revision) sent.current.delete(revision);
      setSynced((previous) => (previous && previous.answer.revision > answer.revision ? previous : { editor: about, answer }));
      if (answer.validation) {
        const { at, unplaced, placements } = answer.placed ?? { at: [], unplaced: [], placements: [] };
        setValidated({ validation: answer.validation, placed: { at: new Map(at), unplaced, placements } });
        setValidationError(null);
      }
      if (answer.failure) setValidationError(failureError(answer.failure));
      if ((answer.validation || answer.failure) && answer.revision >= lastValidation.current) setChecking(false);
    });
    setClient(created);
    return () => {
      created.close();
      setClient(null);
    };
  }, [live]);

  // The worker's copy of the document the form was read from (loaded, or typed in the JSON view), and of the saved one.
  // As loaded (no text typed): the API's answer, which the worker reads the document and its saved text from.
  const baseDoc = editor?.base;
  const editorRef = useRef(editor);
  editorRef.current = editor;
  const response = useRef<string | undefined>(undefined);
  response.current = loaded.data?.response;
  useEffect(() => {
    const current = editorRef.current;
    if (client === null || current === null) return;
    if (current.text !== null) client.base(current.base, current.text);
    else client.load(current.base, response.current ?? JSON.stringify({ definition: current.base }));
  }, [client, baseDoc]);
  // A document saved: its text (written by the worker) is the saved one. The loaded one's, the worker wrote itself.
  const savedText = editor?.savedText;
  useEffect(() => {
    if (client !== null && savedText !== undefined && !savedText.pending) client.saved(savedText.text);
  }, [client, savedText]);

  // Live validation of a draft, 400 ms after the last change in either view (and after a save, for "unsaved").
  const jsonError = editor?.jsonError ?? null;
  const form = editor?.form ?? null;
  useEffect(() => {
    const current = editorRef.current;
    if (client === null || current === null) return;
    if (jsonError !== null) {
      setValidated({ validation: { parseError: jsonError }, placed: NOTHING_PLACED });
      return;
    }
    const timer = setTimeout(() => {
      setChecking(true);
      const revision = client.sync(current.form, `${base}/validate`);
      sent.current.set(revision, current);
      lastValidation.current = revision;
    }, VALIDATE_DELAY);
    return () => clearTimeout(timer);
  }, [client, form, jsonError, baseDoc, savedText, base]);

  const placed = useMemo((): PlacedErrors => {
    const duplicates = synced ? Object.entries(synced.answer.duplicates) : [];
    const shown = live && validated ? validated.placed : NOTHING_PLACED;
    return duplicates.length === 0 ? shown : { ...shown, duplicates: new Map(duplicates.map(([key, keys]) => [key, new Set(keys)])) };
  }, [live, validated, synced]);
  // Nothing edited: not dirty; edited: dirty until the worker has compared this very state with the saved document.
  const dirty = editor === null || !live ? false : editor.jsonError !== null ? true : untouched(editor) ? false : synced?.editor === editor ? synced.answer.dirty : true;
  // Closing the tab with unsaved changes asks first.
  const unsaved = live && dirty;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
  /** The document in the editor as compact JSON, written by the worker (a draft) or here. */
  const documentText = (): Promise<string> => {
    const current = editorRef.current!;
    return client ? client.text(current.form, false) : Promise.resolve(JSON.stringify(current.doc));
  };

  if (loaded.isPending) return <Loading />;
  if (loaded.error) return <ErrorMessage error={loaded.error} retry={() => void loaded.refetch()} />;
  if (!editor || !loaded.data) return <Loading />;
  const detail = loaded.data;
  const editable = live;
  const formReadOnly = !editable || editor.jsonError !== null;
  const validation = editable ? (validated?.validation ?? null) : null;

  return (
    <article aria-labelledby="editor-title" className="pe">
      <p>
        <Link to={`/units/${unit!.code}/profiles`}>← {t("nav.profiles")}</Link>
      </p>
      <h1 id="editor-title">{t("editor.title", { code, version })}</h1>
      <p className="pe-state" data-testid="version-state">
        <span className={`tag state-${detail.status}`}>{term(t, PROFILE_STATUS, detail.status)}</span>{" "}
        <span className="meta">
          {t("pe.created", { date: fmt.dateTime(detail.createdAt), user: detail.createdByName ?? detail.createdBy ?? "—" })}
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
          documentText={documentText}
          onSaved={(text, savedForm) => setEditor((s) => (s ? markSavedText(s, text, savedForm) : s))}
          // Activation and retirement change the unit's profiles, the scores of upcoming shipments and the watchlists' users.
          onChanged={() => void invalidate(base, `/v1/units/${unit!.code}/shipments`, `/v1/units/${unit!.code}/watchlists`)}
          onRunBacktest={() => setBacktestRequest((n) => n + 1)}
        />
      )}
      {editable && <ValidationSummary validation={validation} checking={checking} placed={validated ? placed : null} />}
      {validationError && <ErrorMessage error={validationError} />}
      <div className="pe-layout">
        <section className="pe-form" aria-labelledby="pe-form-h">
          <h2 id="pe-form-h">{t("pe.formTitle")}</h2>
          {editor.jsonError !== null && editable && <Notice>{t("pe.formWaits")}</Notice>}
          {form ? (
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
      {isAnalyst && <DryRunPanel code={code} source={editable ? { documentText } : { version }} blocked={editable && editor.jsonError !== null ? t("pe.fixJsonFirst") : null} />}
      {isAnalyst && <DiffPanel code={code} version={version} dirty={editable && dirty} />}
      {isAnalyst && <BacktestPanel code={code} version={version} runRequest={backtestRequest} />}
    </article>
  );
}
