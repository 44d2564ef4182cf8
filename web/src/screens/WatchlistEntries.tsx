// Analyst: one watchlist's entries, searched and loaded a page at a time,
// each with where it came from (a seizure and its container, or the reason the
// analyst gave); add an entry or paste many, change an entry's reason and end
// date, remove one after confirming (the table: WatchlistEntryTable.tsx, the
// forms: WatchlistEntryForms.tsx);
// rename or delete the list (WatchlistManage.tsx).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../api.js";
import { useApp } from "../context.js";
import { useApiPages, useCachedPages, useInvalidate } from "../server-state.js";
import { useUrlState } from "../url-state.js";
import { Empty, ErrorMessage, Field, Link, Loading } from "../ui.js";
import { AddEntry } from "./WatchlistEntryForms.js";
import { EntryTable, editButtonId } from "./WatchlistEntryTable.js";
import { ManageList, PasteEntries } from "./WatchlistManage.js";
import { entriesQuery, entryFilterParams, NO_FILTERS, parseEntryFilters, type EntriesPage, type EntryFilters, type WatchlistEntry } from "../watchlists.js";

export function WatchlistPage({ listCode }: { listCode: string }) {
  const { t, unit } = useApp();
  const code = unit!.code;
  const path = `/v1/units/${code}/watchlists/${encodeURIComponent(listCode)}/entries`;
  // The applied filters live in the URL (shared links, Back); the form edits a draft of them.
  const [filters, setFilters] = useUrlState(parseEntryFilters, entryFilterParams);
  const [draft, setDraft] = useState<EntryFilters>(filters);
  useEffect(() => setDraft(filters), [filters]);
  const listed = `${path}?${entriesQuery(filters)}`;
  const pages = useApiPages<EntriesPage>(listed, (after) => `${path}?${entriesQuery(filters, after)}`);
  // The pages loaded so far, as one: the list's head and total from the latest page.
  const last = pages.data?.pages.at(-1);
  const page: EntriesPage | null = last ? { ...last, items: pages.data!.pages.flatMap((p) => p.items) } : null;
  const [actionError, setActionError] = useState<Error | null>(null);
  const state = { loading: pages.isFetching, error: actionError ?? pages.error ?? undefined };
  const cached = useCachedPages<EntriesPage>();
  const invalidate = useInvalidate();
  // An edit shows at once in the cached pages; the list (and the watchlists' counts) are then read again.
  const setPage = (update: (p: EntriesPage) => EntriesPage) => {
    cached.update(listed, update);
    void invalidate(`/v1/units/${code}/watchlists`);
  };
  const reload = () => {
    setActionError(null);
    void invalidate(`/v1/units/${code}/watchlists`);
  };
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  // A search, or Clear, starts the list again from its first page: the cache still holds every page loaded
  // under those filters before, and would read them all again (Clear would show 56 entries, not the first 50).
  const search = (next: EntryFilters) => {
    cached.firstPageOnly(`${path}?${entriesQuery(next)}`);
    setFilters(next);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    search(draft);
  };
  const remove = async (entry: WatchlistEntry) => {
    try {
      await api("DELETE", `${path}/${entry.id}`);
      setConfirming(null);
      setPage((p) => ({ ...p, total: p.total - 1, items: p.items.filter((e) => e.id !== entry.id) }));
      setNotice(t("watchlist.removed", { value: entry.display, code: listCode }));
    } catch (error) {
      setActionError(error as Error);
    }
  };
  const list = page?.watchlist;
  const searching = filters.search.trim() !== "" || filters.includeExpired;
  return (
    <section aria-labelledby="watchlist-title">
      <p>
        <Link to={`/units/${code}/watchlists`}>{t("watchlist.back")}</Link>
      </p>
      <h1 id="watchlist-title">{t("watchlist.title", { code: list?.code ?? listCode.toUpperCase() })}</h1>
      {list && <p className="meta">{t("watchlist.summary", { name: list.name, kind: t(`watchlists.kind.${list.kind}`) })}</p>}
      {notice && (
        <p className="notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}
      {list && (
        <ManageList
          list={list}
          reload={reload}
          onRenamed={(name) => {
            setPage((p) => ({ ...p, watchlist: { ...p.watchlist, name } }));
            setNotice(t("watchlist.renamed", { name }));
          }}
        />
      )}
      {list && (
        <AddEntry
          kind={list.kind}
          path={path}
          onAdded={(text) => {
            setNotice(text);
            reload();
          }}
        />
      )}
      {list && (
        <PasteEntries
          kind={list.kind}
          path={path}
          onAdded={(text) => {
            setNotice(text);
            reload();
          }}
        />
      )}
      <form className="filters" onSubmit={apply} aria-label={t("watchlist.filters")}>
        <Field label={t("watchlist.search")}>
          <input type="search" value={draft.search} maxLength={200} onChange={(e) => setDraft((d) => ({ ...d, search: e.target.value }))} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={draft.includeExpired} onChange={(e) => setDraft((d) => ({ ...d, includeExpired: e.target.checked }))} />
          {t("watchlist.includeExpired")}
        </label>
        <div className="actions">
          <button type="submit">{t("watchlist.apply")}</button>
          <button
            type="button"
            onClick={() => {
              setDraft(NO_FILTERS);
              search(NO_FILTERS);
            }}
          >
            {t("watchlist.clear")}
          </button>
        </div>
      </form>
      {state.error && <ErrorMessage error={state.error} retry={() => (actionError ? setActionError(null) : void pages.refetch())} />}
      {page && (
        <p className="count" aria-live="polite">
          {t("watchlist.shown", { shown: page.items.length, total: page.total })}
        </p>
      )}
      {page && !state.loading && page.items.length === 0 && <Empty>{searching ? t("watchlist.noMatch") : t("watchlist.empty")}</Empty>}
      {page && page.items.length > 0 && (
        <EntryTable
          entries={page.items}
          listCode={page.watchlist.code}
          path={path}
          editing={editing}
          confirming={confirming}
          setEditing={setEditing}
          setConfirming={setConfirming}
          remove={(entry) => void remove(entry)}
          onEdited={(entry, saved) => {
            setEditing(null);
            if (saved) {
              setPage((p) => ({ ...p, items: p.items.map((e) => (e.id === saved.id ? { ...e, ...saved, source: e.source } : e)) }));
              setNotice(t("watchlist.entrySaved", { value: saved.display }));
            } else window.setTimeout(() => document.getElementById(editButtonId(entry.id))?.focus(), 0);
          }}
        />
      )}
      {state.loading && <Loading />}
      {pages.hasNextPage && !state.loading && (
        <button type="button" onClick={() => void pages.fetchNextPage()}>
          {t("watchlist.loadMore")}
        </button>
      )}
    </section>
  );
}
