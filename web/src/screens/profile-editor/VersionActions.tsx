// What an analyst does with a version: save the draft, start a new draft
// from it, activate it, retire it (after a confirmation saying what that does).
import { useNavigate } from "react-router";
import { useRef, useState } from "react";
import { ApiError, api, post } from "../../api.js";
import { useApp } from "../../context.js";
import type { EditorState } from "../../profile-editor-state.js";
import { useInvalidate } from "../../server-state.js";
import { ErrorMessage, Notice } from "../../ui.js";

interface Props {
  code: string;
  version: number;
  status: string;
  editor: EditorState;
  dirty: boolean;
  /** `doc` is what was stored. */
  onSaved: (doc: unknown) => void;
  /** The version's state changed (activated, retired): reload it. */
  onChanged: () => void;
}

export function VersionActions({ code, version, status, editor, dirty, onSaved, onChanged }: Props) {
  const { t, unit } = useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const base = `/v1/units/${unit!.code}/profiles/${code}`;
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [rescore, setRescore] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const retireButton = useRef<HTMLButtonElement>(null);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  const currentDocument = (): unknown => {
    if (editor.jsonError !== null) throw new Error(t("editor.invalidJson", { message: editor.jsonError }));
    return editor.doc;
  };
  const save = () => run(async () => {
    const doc = currentDocument();
    await api("PUT", `${base}/versions/${version}`, doc);
    onSaved(doc);
    await invalidate(base);
    setMessage(t("editor.saved"));
  });
  const newDraft = () => run(async () => {
    const created = await post<{ version: number }>(`${base}/versions`, currentDocument());
    await invalidate(`/v1/units/${unit!.code}/profiles`);
    void navigate(`/units/${unit!.code}/profiles/${code}/versions/${created.version}`);
  });
  const activate = () => run(async () => {
    const done = await post<{ retiredVersion: number | null; shipmentsRescored: number }>(`${base}/versions/${version}/activate`, { rescoreUpcoming: rescore });
    setMessage([t("editor.activated"), done.retiredVersion !== null ? t("pe.replaced", { version: done.retiredVersion }) : "", rescore ? t("pe.rescored", { n: done.shipmentsRescored }) : ""].filter(Boolean).join(" "));
    onChanged();
  });
  const retire = () => run(async () => {
    const done = await post<{ shipmentsRescored: number }>(`${base}/versions/${version}/retire`, { rescoreUpcoming: rescore });
    setConfirming(false);
    setMessage([t("pe.retired"), rescore ? t("pe.rescored", { n: done.shipmentsRescored }) : ""].filter(Boolean).join(" "));
    onChanged();
  });
  const cancel = () => {
    setConfirming(false);
    retireButton.current?.focus();
  };

  return (
    <div className="pe-actions">
      <div className="actions">
        {status === "draft" && (
          <button type="button" disabled={busy} onClick={() => void save()}>
            {t("editor.saveDraft")}
          </button>
        )}
        <button type="button" className={status === "draft" ? "inline" : undefined} disabled={busy} onClick={() => void newDraft()}>
          {t("editor.newDraft")}
        </button>
        {status === "draft" && (
          <button type="button" disabled={busy || dirty} aria-describedby={dirty ? "pe-activate-help" : undefined} onClick={() => void activate()}>
            {t("editor.activate")}
          </button>
        )}
        {status === "active" && (
          <button type="button" ref={retireButton} className="pe-danger" disabled={busy} aria-expanded={confirming} aria-controls="pe-retire-confirm" onClick={() => setConfirming(true)}>
            {t("pe.retire")}
          </button>
        )}
        {(status === "draft" || status === "active") && (
          <label className="check">
            <input type="checkbox" checked={rescore} onChange={(e) => setRescore(e.target.checked)} />
            {t("pe.rescoreUpcoming")}
          </label>
        )}
      </div>
      {status === "draft" && dirty && (
        <p className="help" id="pe-activate-help">
          {t("pe.saveBeforeActivate")}
        </p>
      )}
      {confirming && (
        <div className="pe-confirm" id="pe-retire-confirm" role="alertdialog" aria-modal="false" aria-labelledby="pe-retire-h" aria-describedby="pe-retire-d">
          <h2 id="pe-retire-h">{t("pe.retireTitle", { code, version })}</h2>
          <p id="pe-retire-d">{t(rescore ? "pe.retireExplainRescore" : "pe.retireExplain")}</p>
          <div className="actions">
            <button type="button" className="pe-danger" disabled={busy} onClick={() => void retire()}>
              {t("pe.retireConfirm")}
            </button>
            <button type="button" className="inline" autoFocus onClick={cancel}>
              {t("pe.cancel")}
            </button>
          </div>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {message && <Notice>{message}</Notice>}
    </div>
  );
}
