// Analyst: the forms for a watchlist's entries on its page
// (WatchlistEntries.tsx): add one entry, and change an entry's reason and end
// day (an entry a seizure added keeps the seizure as its reason).
import { api, post } from "../api.js";
import { useCheckedForm } from "../checked-form.js";
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
  const seized = fromSeizure(entry);
  // The check and the send each read the change against the entry: nothing changed sends nothing.
  const changeOf = (edit: EntryEdit) => entryPatch(entry, edit, endDayToday(new Date()));
  const { form, set, problem, error, busy, submit } = useCheckedForm({
    blank: entryEditForm(entry),
    fields: ["provenance", "expiresOn"],
    check: (edit) => {
      const change = changeOf(edit);
      return change !== null && "problems" in change ? change.problems : {};
    },
    send: async (edit) => {
      const change = changeOf(edit);
      onDone(change === null || !("body" in change) ? null : (await api<{ entry: WatchlistEntry }>("PATCH", path, change.body)).entry);
    },
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t("watchlist.editTitle", { value: entry.display })}>
      <div className="form-grid">
        <FormField id="edit-provenance" label={t("watchlist.reason")} hint={seized ? t("watchlist.reasonFromSeizure") : t("watchlist.provenanceHelp")} error={problem("provenance")}>
          {(control) => (
            <input {...control} value={seized ? t("watchlist.seizureReason") : form.provenance} disabled={seized} maxLength={500} autoFocus={!seized} onChange={set("provenance")} />
          )}
        </FormField>
        <FormField id="edit-expires" label={t("watchlist.endDay")} hint={t("watchlist.endDayHelp")} error={problem("expiresOn")}>
          {(control) => <input {...control} type="date" value={form.expiresOn} autoFocus={seized} onChange={set("expiresOn")} />}
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
