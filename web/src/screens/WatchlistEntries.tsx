// Analyst: one watchlist's entries, searched and loaded a page at a time,
// each with where it came from (a seizure and its container, or the reason the
// analyst gave); add an entry or paste many, change an entry's reason and end
// date, remove one after confirming (the forms: WatchlistEntryForms.tsx);
// rename or delete the list (WatchlistManage.tsx).
import { Fragment, useEffect, useRef, useState, type FormEvent } from "react";
import { COMMODITY, term } from "../terms.js";
import { api, get } from "../api.js";
import { useApp } from "../context.js";
import { Empty, ErrorMessage, Field, Link, Loading } from "../ui.js";
import { AddEntry, EditEntry } from "./WatchlistEntryForms.js";
import { ManageList, PasteEntries } from "./WatchlistManage.js";
import { entriesQuery, isExpired, matchedAs, NO_FILTERS, type EntriesPage, type EntryFilters, type WatchlistEntry } from "../watchlists.js";

export function WatchlistPage({ listCode }: { listCode: string }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const path = `/v1/units/${code}/watchlists/${encodeURIComponent(listCode)}/entries`;
  const [draft, setDraft] = useState<EntryFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<EntryFilters>(NO_FILTERS);
  const [page, setPage] = useState<EntriesPage | null>(null);
  const [state, setState] = useState<{ loading: boolean; error?: Error }>({ loading: true });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const load = async (after: string | null) => {
    setState({ loading: true });
    try {
      const next = await get<EntriesPage>(`${path}?${entriesQuery(filters, after)}`);
      setPage((previous) => (after && previous ? { ...next, items: [...previous.items, ...next.items] } : next));
      setState({ loading: false });
    } catch (error) {
      setState({ loading: false, error: error as Error });
    }
  };
  useEffect(() => {
    void load(null);
  }, [path, filters]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const remove = async (entry: WatchlistEntry) => {
    try {
      await api("DELETE", `${path}/${entry.id}`);
      setConfirming(null);
      setPage((p) => (p ? { ...p, total: p.total - 1, items: p.items.filter((e) => e.id !== entry.id) } : p));
      setNotice(t("watchlist.removed", { value: entry.display, code: listCode }));
    } catch (error) {
      setState({ loading: false, error: error as Error });
    }
  };
  const list = page?.watchlist;
  const now = new Date();
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
          reload={() => void load(null)}
          onRenamed={(name) => {
            setPage((p) => (p ? { ...p, watchlist: { ...p.watchlist, name } } : p));
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
            void load(null);
          }}
        />
      )}
      {list && (
        <PasteEntries
          kind={list.kind}
          path={path}
          onAdded={(text) => {
            setNotice(text);
            void load(null);
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
              setFilters(NO_FILTERS);
            }}
          >
            {t("watchlist.clear")}
          </button>
        </div>
      </form>
      {state.error && <ErrorMessage error={state.error} retry={() => void load(null)} />}
      {page && (
        <p className="count" aria-live="polite">
          {t("watchlist.shown", { shown: page.items.length, total: page.total })}
        </p>
      )}
      {page && !state.loading && page.items.length === 0 && <Empty>{searching ? t("watchlist.noMatch") : t("watchlist.empty")}</Empty>}
      {page && page.items.length > 0 && (
        <table data-testid="watchlist-entries">
          <caption className="visually-hidden">{t("watchlist.caption", { code: page.watchlist.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("watchlist.col.entry")}</th>
              <th scope="col">{t("watchlist.col.source")}</th>
              <th scope="col">{t("watchlist.col.added")}</th>
              <th scope="col">{t("watchlist.col.expires")}</th>
              <th scope="col">{t("watchlist.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((entry) => (
              <Fragment key={entry.id}>
              <tr data-testid="watchlist-entry">
                <td>
                  {entry.display}
                  {matchedAs(entry) && <div className="meta">{t("watchlist.matchedAs", { value: matchedAs(entry)! })}</div>}
                </td>
                <td>
                  <Source entry={entry} />
                  <div>
                    <button
                      type="button"
                      className="inline"
                      id={`edit-${entry.id}`}
                      aria-label={t("watchlist.editLabel", { value: entry.display })}
                      aria-expanded={editing === entry.id}
                      onClick={() => {
                        setConfirming(null);
                        setEditing(editing === entry.id ? null : entry.id);
                      }}
                    >
                      {t("watchlist.edit")}
                    </button>
                  </div>
                </td>
                <td>
                  {fmt.dateTime(entry.addedAt)}
                  {entry.addedBy && <div className="meta">{entry.addedBy}</div>}
                </td>
                <td>
                  {entry.expiresAt ? fmt.dateTime(entry.expiresAt) : t("watchlist.never")}
                  {isExpired(entry, now) && <span className="tag">{t("watchlist.expiredTag")}</span>}
                </td>
                <td>
                  {confirming === entry.id ? (
                    <div role="group" aria-labelledby={`confirm-${entry.id}`}>
                      <p className="confirm" id={`confirm-${entry.id}`}>
                        {t("watchlist.confirmRemove", { value: entry.display, code: page.watchlist.code })}
                      </p>
                      <div className="actions">
                        <button type="button" onClick={() => void remove(entry)}>
                          {t("watchlist.confirm")}
                        </button>
                        <button type="button" className="inline" autoFocus onClick={() => setConfirming(null)}>
                          {t("watchlist.cancel")}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="inline"
                      aria-label={t("watchlist.removeLabel", { value: entry.display })}
                      onClick={() => {
                        setEditing(null);
                        setConfirming(entry.id);
                      }}
                    >
                      {t("watchlist.remove")}
                    </button>
                  )}
                </td>
              </tr>
              {editing === entry.id && (
                <tr className="entry-edit">
                  <td colSpan={5}>
                    <EditEntry
                      entry={entry}
                      path={`${path}/${entry.id}`}
                      onDone={(saved) => {
                        setEditing(null);
                        if (saved) {
                          setPage((p) => (p ? { ...p, items: p.items.map((e) => (e.id === saved.id ? { ...e, ...saved, source: e.source } : e)) } : p));
                          setNotice(t("watchlist.entrySaved", { value: saved.display }));
                        } else window.setTimeout(() => document.getElementById(`edit-${entry.id}`)?.focus(), 0);
                      }}
                    />
                  </td>
                </tr>
              )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {state.loading && <Loading />}
      {page?.nextCursor && !state.loading && (
        <button type="button" onClick={() => void load(page.nextCursor)}>
          {t("watchlist.loadMore")}
        </button>
      )}
    </section>
  );
}

function Source({ entry }: { entry: WatchlistEntry }) {
  const { t, fmt, unit } = useApp();
  const source = entry.source;
  if (source) {
    return (
      <>
        {t("watchlist.source.seizure", { commodity: source.commodity ? term(t, COMMODITY, source.commodity) : t("app.none"), date: fmt.date(source.seizedAt) })}
        {source.shipmentId && (
          <div>
            <Link to={`/units/${unit!.code}/shipments/${source.shipmentId}`}>{t("watchlist.source.container", { container: source.containerNumber ?? source.billOfLading ?? "" })}</Link>
          </div>
        )}
      </>
    );
  }
  if (entry.provenance?.startsWith("seizure:")) return <>{t("watchlist.source.seizureHidden")}</>;
  return <>{entry.provenance ?? t("watchlist.source.none")}</>;
}
