// What an analyst does with a version: save the draft, start a new draft
// from it, activate it, retire it. Activating and retiring first ask, in a
// modal confirmation that names the consequence: which version is live now
// and is replaced, which becomes live, whether the open queue is scored again
// (how many of its containers) and that its random selection is drawn anew,
// or, retiring, that its random picks are dropped (activation-effects.ts), and
// what it should select: the latest back-test's selection rate and precision
// (held-out first), or that it has not been back-tested yet, with a button
// that runs one.
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useState } from "react";
import { ApiError, post, request } from "../../api.js";
import { ConfirmDialog } from "../../confirm-dialog.js";
import { useApp } from "../../context.js";
import type { EditorState } from "../../profile-editor-state.js";
import type { ProfileForm } from "../../profile-form.js";
import { apiKey, useApi, useInvalidate } from "../../server-state.js";
import { ErrorMessage, Loading, Notice } from "../../ui.js";
import { activationEffects, retireEffects, type ActivationPreview } from "./activation-effects.js";

/** The latest back-test of the version as it is now (GET .../versions/{n}/latest-backtest: latestBacktest). */
export interface LatestBacktest {
  finishedAt: string;
  basis: "heldOut" | "inSample" | "notBuilt";
  records: number;
  selected: number;
  selectionRate: number | null;
  precision: number | null;
}

interface Props {
  code: string;
  version: number;
  status: string;
  editor: EditorState;
  dirty: boolean;
  /** The document in the editor as compact JSON (a learned profile's is written by the editor's worker). */
  documentText: () => Promise<string>;
  /** `text` is what was stored, the document of `form`. */
  onSaved: (text: string, form: ProfileForm | null) => void;
  /** The version's state changed (activated, retired): reload it. */
  onChanged: () => void;
  /** Start a back-test of this version (the back-test section below runs it). */
  onRunBacktest: () => void;
}

const EXPECTED = { heldOut: "pe.expectedHeldOut", inSample: "pe.expectedInSample", notBuilt: "pe.expectedNotBuilt" } as const;

/**
 * What activating or retiring does to the open queue: how many of its containers are scored again, and the
 * random draw made anew (activating) or the retired version's random picks dropped (retiring).
 */
function QueueEffects({ path, rescore, code, action }: { path: string; rescore: boolean; code: string; action: "activate" | "retire" }) {
  const { t, fmt } = useApp();
  const preview = useApi<ActivationPreview>(path);
  if (!preview.data) return preview.error ? <ErrorMessage error={preview.error} retry={() => void preview.refetch()} /> : <Loading />;
  const texts = action === "activate" ? activationEffects(t, fmt, preview.data, rescore, code) : retireEffects(t, fmt, preview.data, rescore);
  return (
    <div data-testid={`${action}-effects`}>
      {texts.map((text) => (
        <p key={text}>{text}</p>
      ))}
    </div>
  );
}

/** What activating should select, from the latest back-test; or that none ran on the version as it is now. */
function ExpectedSelection({ version, latest, error, retry, onRunBacktest }: { version: number; latest: LatestBacktest | null | undefined; error: Error | null; retry: () => void; onRunBacktest: () => void }) {
  const { t, fmt } = useApp();
  if (latest === undefined) return error ? <ErrorMessage error={error} retry={retry} /> : <Loading />;
  if (latest === null) {
    return (
      <div data-testid="activate-expected">
        <p>{t("pe.expectedNone", { version })}</p>
        <button type="button" onClick={onRunBacktest}>
          {t("pe.runBacktestFirst")}
        </button>
      </div>
    );
  }
  return (
    <p data-testid="activate-expected">
      {t(EXPECTED[latest.basis], {
        date: fmt.dateTime(latest.finishedAt),
        records: latest.records,
        selected: latest.selected > 0 ? "some" : "none",
        rate: fmt.percent(latest.selectionRate),
        precision: fmt.percent(latest.precision),
      })}
    </p>
  );
}

export function VersionActions({ code, version, status, editor, dirty, documentText, onSaved, onChanged, onRunBacktest }: Props) {
  const { t, unit } = useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  const base = `/v1/units/${unit!.code}/profiles/${code}`;
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [rescore, setRescore] = useState(false);
  const [confirming, setConfirming] = useState<"activate" | "retire" | null>(null);
  // The version live now, which an activation replaces (undefined while the list is read).
  const profiles = useApi<{ items: { code: string; activeVersion: number | null }[] }>(`/v1/units/${unit!.code}/profiles`);
  const live = profiles.data ? (profiles.data.items.find((p) => p.code === code)?.activeVersion ?? null) : undefined;
  // The dialog's expected selection, read alone: never the version's document again (megabytes for a learned table).
  // A finished back-test or comparison (Backtest.tsx), a save, an activation mark it to be read again; undefined meanwhile.
  const latestRead = useApi<{ latestBacktest: LatestBacktest | null }>(`${base}/versions/${version}/latest-backtest`);
  const latestBacktest = latestRead.isFetching || !latestRead.data ? undefined : latestRead.data.latestBacktest;

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
      // A confirmation asked closes with its answer; a refusal shows on the page, no longer behind the dialog.
      setConfirming(null);
    }
  };
  /** The text is sent as it is: a learned profile's runs to megabytes, not written out again here. */
  const currentDocument = (): Promise<string> => {
    if (editor.jsonError !== null) throw new Error(t("editor.invalidJson", { message: editor.jsonError }));
    return documentText();
  };
  const save = () => run(async () => {
    const form = editor.form;
    const text = await currentDocument();
    await request("PUT", `${base}/versions/${version}`, text, "application/json");
    onSaved(text, form);
    // The editor holds what was stored: the version's document is read again only when next opened.
    const versionKey = apiKey(`${base}/versions/${version}`);
    await queryClient.invalidateQueries({ queryKey: versionKey, exact: true, refetchType: "none" });
    await queryClient.invalidateQueries({ queryKey: apiKey(base), predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(versionKey) });
    setMessage(t("editor.saved"));
  });
  const newDraft = () => run(async () => {
    const created = (await (await request("POST", `${base}/versions`, await currentDocument(), "application/json")).json()) as { version: number };
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
    setMessage([t("pe.retired"), rescore ? t("pe.rescored", { n: done.shipmentsRescored }) : ""].filter(Boolean).join(" "));
    onChanged();
  });
  // (Focus goes back to the button that asked: the dialog returns it.)
  const cancel = () => setConfirming(null);

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
          <button type="button" disabled={busy || dirty} aria-describedby={dirty ? "pe-activate-help" : undefined} aria-haspopup="dialog" onClick={() => setConfirming("activate")}>
            {t("editor.activate")}
          </button>
        )}
        {status === "active" && (
          <button type="button" className="pe-danger" disabled={busy} aria-haspopup="dialog" onClick={() => setConfirming("retire")}>
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
      {confirming === "activate" && (
        <ConfirmDialog
          danger={live !== null && live !== undefined}
          busy={busy}
          confirmDisabled={live === undefined}
          testId="activate-confirm"
          title={t("pe.activateTitle", { code, version })}
          confirmLabel={t("pe.activateConfirm", { version })}
          cancelLabel={t("pe.cancel")}
          onConfirm={() => void activate()}
          onCancel={cancel}
        >
          {live === undefined ? (
            profiles.error ? <ErrorMessage error={profiles.error} retry={() => void profiles.refetch()} /> : <Loading />
          ) : (
            <>
              <p>{live === null ? t("pe.activateFirst", { code, version }) : t("pe.activateReplaces", { live, version })}</p>
              <ExpectedSelection
                version={version}
                latest={latestBacktest}
                error={latestRead.error}
                retry={() => void latestRead.refetch()}
                onRunBacktest={() => {
                  // The dialog closes (focus returns), then the back-test section takes focus and runs.
                  setConfirming(null);
                  onRunBacktest();
                }}
              />
              <QueueEffects path={`${base}/versions/${version}/activation-preview`} rescore={rescore} code={code} action="activate" />
              {live !== null && <p>{t("pe.activateFinal", { live })}</p>}
            </>
          )}
        </ConfirmDialog>
      )}
      {confirming === "retire" && (
        <ConfirmDialog
          danger
          busy={busy}
          testId="retire-confirm"
          title={t("pe.retireTitle", { code, version })}
          confirmLabel={t("pe.retireConfirm")}
          cancelLabel={t("pe.cancel")}
          onConfirm={() => void retire()}
          onCancel={cancel}
        >
          <p>{t("pe.retireExplain")}</p>
          {/* The same preview as activating: this version's random rate and the open queue a re-score scores again. */}
          <QueueEffects path={`${base}/versions/${version}/activation-preview`} rescore={rescore} code={code} action="retire" />
          <p>{t("pe.retireNoneLive", { code })}</p>
        </ConfirmDialog>
      )}
      {error && <ErrorMessage error={error} />}
      {message && <Notice>{message}</Notice>}
    </div>
  );
}
