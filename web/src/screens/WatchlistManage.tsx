// Analyst: managing one watchlist from its page (WatchlistEntries.tsx): the
// profile versions that use it, renaming it (the code stays: profiles name
// the list by it), deleting it after confirming (the API refuses while a
// profile uses it, or for a list the system feeds), and adding a pasted block
// of values, checked line by line before it is sent, all or nothing.
import { useNavigate } from "react-router";
import { keyOrText } from "../i18n.js";
import { useState, type FormEvent } from "react";
import { LiveRegion } from "../a11y.js";
import { ApiError, api, asError, upload } from "../api.js";
import { useApp } from "../context.js";
import { FormField } from "../form-field.js";
import { useQueryClient } from "@tanstack/react-query";
import { apiKey, useInvalidate } from "../server-state.js";
import { ErrorMessage, Link } from "../ui.js";
import {
  checkPaste,
  lineErrorsOf,
  endDayToday,
  MAX_PASTED_VALUES,
  pastedLines,
  pasteQuery,
  renameProblem,
  type EntriesPage,
  type LineProblem,
  type PasteOptions,
  type WatchlistKind,
} from "../watchlists.js";

type List = EntriesPage["watchlist"];

function UsedBy({ list }: { list: List }) {
  const { t, unit } = useApp();
  if (list.usedBy.length === 0) return <p>{t("watchlist.notUsed")}</p>;
  return (
    <>
      <p id="used-by-h">{t("watchlist.usedByTitle")}</p>
      <ul aria-labelledby="used-by-h" data-testid="used-by">
        {list.usedBy.map((use) => (
          <li key={`${use.profileCode}/${use.version}`}>
            <Link to={`/units/${unit!.code}/profiles/${encodeURIComponent(use.profileCode)}/versions/${use.version}`}>
              {t("watchlist.useItem", { profile: use.profileCode, version: use.version, status: t(`state.${use.status}`) })}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Rename and delete; `reload` refreshes the page (after a refusal, who uses the list). */
export function ManageList({ list, onRenamed, reload }: { list: List; onRenamed: (name: string) => void; reload: () => void }) {
  const { t, unit } = useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const client = useQueryClient();
  const code = unit!.code;
  const path = `/v1/units/${code}/watchlists/${encodeURIComponent(list.code)}`;
  const [mode, setMode] = useState<"idle" | "rename" | "delete">("idle");
  const [name, setName] = useState(list.name);
  const [problem, setProblem] = useState<string | undefined>();
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const open = (next: typeof mode) => {
    setMode(next);
    setError(null);
    setProblem(undefined);
    setName(list.name);
  };
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    const found = renameProblem(name);
    setProblem(found ? keyOrText(t, found) : undefined);
    if (found) return;
    setBusy(true);
    try {
      const saved = await api<{ name: string }>("PATCH", path, { name: name.trim() });
      setMode("idle");
      onRenamed(saved.name);
    } catch (e) {
      const field = e instanceof ApiError ? e.errors.find((x) => x.path === "name") : undefined;
      if (field) setProblem(field.message);
      else setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setRefused(null);
    setError(null);
    try {
      const done = await api<{ deleted: { code: string }; entries: number }>("DELETE", path);
      // The deleted list's own reads (its entries, under any spelling of its code) leave the cache first: read
      // again they could only answer 404. The other watchlist reads are then stale, so the watchlists screen no
      // longer shows the list.
      const lists = apiKey(`/v1/units/${code}/watchlists`);
      client.removeQueries({ queryKey: lists, predicate: (query) => String(query.queryKey[lists.length]).toUpperCase() === list.code.toUpperCase() });
      await invalidate(`/v1/units/${code}/watchlists`);
      void navigate(`/units/${code}/watchlists?deleted=${encodeURIComponent(done.deleted.code)}&entries=${done.entries}`);
    } catch (e) {
      setMode("idle");
      if (e instanceof ApiError && e.status === 409) {
        setRefused(e);
        reload();
      } else setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="manage-list-h">
      <h2 id="manage-list-h">{t("watchlist.manage")}</h2>
      {list.system && <p>{t("watchlist.systemNote")}</p>}
      {refused ? (
        <LiveRegion role="alert" className="error" testId="delete-refused">
          <p>{list.usedBy.length > 0 ? t("watchlist.deleteRefused", { code: list.code }) : t("app.error", { message: refused.message })}</p>
          <UsedBy list={list} />
        </LiveRegion>
      ) : (
        <UsedBy list={list} />
      )}
      {mode === "idle" && (
        <div className="actions">
          <button type="button" onClick={() => open("rename")}>
            {t("watchlist.rename")}
          </button>
          {!list.system && (
            <button type="button" onClick={() => open("delete")}>
              {t("watchlist.delete")}
            </button>
          )}
        </div>
      )}
      {mode === "rename" && (
        <form onSubmit={(e) => void rename(e)} noValidate aria-label={t("watchlist.rename")}>
          <FormField id="rename-name" label={t("watchlist.newName")} hint={t("watchlist.codeStays", { code: list.code })} error={problem}>
            {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />}
          </FormField>
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("watchlist.renameSubmit")}
            </button>
            <button type="button" className="inline" onClick={() => setMode("idle")}>
              {t("watchlist.cancel")}
            </button>
          </div>
        </form>
      )}
      {mode === "delete" && (
        <div role="group" aria-labelledby="confirm-delete">
          <p id="confirm-delete">{t("watchlist.confirmDelete", { code: list.code })}</p>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void remove()}>
              {t("watchlist.confirmDeleteYes")}
            </button>
            <button type="button" className="inline" autoFocus onClick={() => setMode("idle")}>
              {t("watchlist.cancel")}
            </button>
          </div>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}

const NO_OPTIONS: PasteOptions = { provenance: "", expiresOn: "" };

/** Many values at once, one a line; nothing is sent while a line cannot go on the list. */
export function PasteEntries({ kind, path, onAdded }: { kind: WatchlistKind; path: string; onAdded: (notice: string) => void }) {
  const { t, fmt } = useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [options, setOptions] = useState<PasteOptions>(NO_OPTIONS);
  const [lines, setLines] = useState<LineProblem[]>([]);
  const [whole, setWhole] = useState<string | null>(null);
  const [expiresProblem, setExpiresProblem] = useState<string | undefined>();
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const max = fmt.number(MAX_PASTED_VALUES, 0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const check = checkPaste(kind, text);
    const endProblem = options.expiresOn && options.expiresOn <= endDayToday(new Date()) ? t("watchlist.futureDay") : undefined;
    setLines(check.problems);
    setWhole(check.whole);
    setExpiresProblem(endProblem);
    if (check.whole || check.problems.length > 0 || endProblem) return;
    setBusy(true);
    try {
      const query = pasteQuery(options);
      const done = await upload<{ added: number; renewed: number; duplicates: number }>(`${path}/bulk${query ? `?${query}` : ""}`, new Blob([text], { type: "text/plain" }), "text/plain; charset=utf-8");
      setText("");
      setOptions(NO_OPTIONS);
      setOpen(false);
      onAdded(t("watchlist.pasted", { added: fmt.number(done.added, 0), renewed: fmt.number(done.renewed, 0), duplicates: fmt.number(done.duplicates, 0) }));
    } catch (e) {
      const byLine = e instanceof ApiError ? lineErrorsOf(e.errors) : [];
      const end = e instanceof ApiError ? e.errors.find((x) => x.path === "query.expiresAt") : undefined;
      setLines(byLine);
      setExpiresProblem(end?.message);
      if (byLine.length === 0 && !end) setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t("watchlist.paste")}
        </button>
      </p>
    );
  }
  const problems = whole !== null || lines.length > 0;
  return (
    <section className="card" aria-labelledby="paste-h">
      <h2 id="paste-h">{t("watchlist.pasteTitle")}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormField id="paste-values" label={t("watchlist.pasteValues")} hint={`${t("watchlist.pasteHelp", { max })} ${t(`watchlist.valueHelp.${kind}`)}`} error={problems ? t("watchlist.pasteFix") : undefined}>
          {(control) => <textarea {...control} rows={8} value={text} autoFocus spellCheck={false} onChange={(e) => setText(e.target.value)} />}
        </FormField>
        <p className="meta" aria-live="polite">
          {t("watchlist.pasteCount", { n: fmt.number(pastedLines(text).length, 0) })}
        </p>
        {problems && (
          <LiveRegion role="alert" className="error" testId="paste-problems">
            {whole ? (
              <p>{keyOrText(t, whole, { max })}</p>
            ) : (
              <>
                <p>{t("watchlist.pasteRefused", { n: fmt.number(lines.length, 0) })}</p>
                <ul>
                  {lines.map((l) => (
                    <li key={l.line}>{t("watchlist.lineProblem", { line: fmt.number(l.line, 0), value: l.value, message: keyOrText(t, l.message) })}</li>
                  ))}
                </ul>
              </>
            )}
          </LiveRegion>
        )}
        <div className="form-grid">
          <FormField id="paste-provenance" label={t("watchlist.pasteProvenance")} hint={t("watchlist.provenanceHelp")}>
            {(control) => <input {...control} value={options.provenance} maxLength={500} onChange={(e) => setOptions((o) => ({ ...o, provenance: e.target.value }))} />}
          </FormField>
          <FormField id="paste-expires" label={t("watchlist.pasteExpires")} error={expiresProblem}>
            {(control) => <input {...control} type="date" value={options.expiresOn} onChange={(e) => setOptions((o) => ({ ...o, expiresOn: e.target.value }))} />}
          </FormField>
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t("watchlist.pasteSubmit")}
          </button>
          <button type="button" className="inline" onClick={() => setOpen(false)}>
            {t("watchlist.cancel")}
          </button>
        </div>
      </form>
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
