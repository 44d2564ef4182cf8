// Analyst: the forms for a watchlist's entries on its page
// (WatchlistEntries.tsx): add one entry, and change an entry's reason and end
// day (an entry a seizure added keeps the seizure as its reason).
import { useState, type FormEvent } from "react";
import { keyOrText } from "../i18n.js";
import { api, post } from "../api.js";
import { refusalOf, useCheckedForm } from "../checked-form.js";
import { useApp } from "../context.js";
import { FormField } from "../form-field.js";
import { ErrorMessage } from "../ui.js";
import {
  entryEditForm,
  entryPatch,
  fromSeizure,
  endDayToday,
  newEntryBody,
  newEntryProblems,
  type EntryEdit,
  type FieldProblems,
  type NewEntry,
  type WatchlistEntry,
  type WatchlistKind,
} from "../watchlists.js";

const BLANK: NewEntry = { value: "", provenance: "", expiresOn: "" };

export function AddEntry({ kind, path, onAdded }: { kind: WatchlistKind; path: string; onAdded: (notice: string) => void }) {
  const { t } = useApp();
  const { form, set, problem, error, busy, submit } = useCheckedForm({
    blank: BLANK,
    fields: ["value", "provenance", "expiresOn"],
    check: (entry) => newEntryProblems(kind, entry, endDayToday(new Date())),
    resetAfterSend: true,
    send: async (entry) => {
      const result = await post<{ watchlist: string; added: number; entries: WatchlistEntry[] }>(path, newEntryBody(entry));
      const value = result.entries[0]?.display ?? entry.value.trim();
      onAdded(result.added > 0 ? t("watchlist.added", { value, code: result.watchlist }) : t("watchlist.renewed", { value }));
    },
  });
  return (
    <section className="card" aria-labelledby="add-entry-h">
      <h2 id="add-entry-h">{t("watchlist.add")}</h2>
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <FormField id="entry-value" label={t("watchlist.value")} hint={t(`watchlist.valueHelp.${kind}`)} error={problem("value")}>
            {(control) => <input {...control} value={form.value} onChange={set("value")} maxLength={500} autoComplete="off" />}
          </FormField>
          <FormField id="entry-provenance" label={t("watchlist.provenance")} hint={t("watchlist.provenanceHelp")} error={problem("provenance")}>
            {(control) => <input {...control} value={form.provenance} onChange={set("provenance")} maxLength={500} />}
          </FormField>
          <FormField id="entry-expires" label={t("watchlist.expiresOn")} error={problem("expiresOn")}>
            {(control) => <input {...control} type="date" value={form.expiresOn} onChange={set("expiresOn")} />}
          </FormField>
        </div>
        <button type="submit" disabled={busy}>
          {t("watchlist.addSubmit")}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
    </section>
  );
}

/** An entry's reason and end day; only what changed is sent. `onDone(null)`: cancelled or nothing changed. */
export function EditEntry({ entry, path, onDone }: { entry: WatchlistEntry; path: string; onDone: (saved: WatchlistEntry | null) => void }) {
  const { t } = useApp();
  const [form, setForm] = useState<EntryEdit>(() => entryEditForm(entry));
  const [problems, setProblems] = useState<FieldProblems<keyof EntryEdit>>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const seized = fromSeizure(entry);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const patch = entryPatch(entry, form, endDayToday(new Date()));
    if (patch === null) return onDone(null);
    if ("problems" in patch) return setProblems(Object.fromEntries(Object.entries(patch.problems).map(([k, v]) => [k, keyOrText(t, v)])));
    setProblems({});
    setBusy(true);
    try {
      onDone((await api<{ entry: WatchlistEntry }>("PATCH", path, patch.body)).entry);
    } catch (e) {
      const refusal = refusalOf(e, ["provenance", "expiresOn"] as const);
      setProblems(refusal.byField);
      setError(refusal.error);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("watchlist.editTitle", { value: entry.display })}>
      <div className="form-grid">
        <FormField id="edit-provenance" label={t("watchlist.reason")} hint={seized ? t("watchlist.reasonFromSeizure") : t("watchlist.provenanceHelp")} error={problems.provenance}>
          {(control) => (
            <input {...control} value={seized ? t("watchlist.seizureReason") : form.provenance} disabled={seized} maxLength={500} autoFocus={!seized} onChange={(e) => setForm((f) => ({ ...f, provenance: e.target.value }))} />
          )}
        </FormField>
        <FormField id="edit-expires" label={t("watchlist.endDay")} hint={t("watchlist.endDayHelp")} error={problems.expiresOn}>
          {(control) => <input {...control} type="date" value={form.expiresOn} autoFocus={seized} onChange={(e) => setForm((f) => ({ ...f, expiresOn: e.target.value }))} />}
        </FormField>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("watchlist.saveEntry")}
        </button>
        <button type="button" className="inline" onClick={() => onDone(null)}>
          {t("watchlist.cancel")}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}
