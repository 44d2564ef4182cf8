// Analyst: the unit's watchlists (the lists profiles check with inList), each
// with the profile versions that use it, and a form to create one; a list
// opens on its entries (WatchlistEntries.tsx), where it is renamed or deleted.
import { useNavigate, useSearchParams } from "react-router";
import { useMemo, useState } from "react";
import { post } from "../api.js";
import { useCheckedForm } from "../checked-form.js";
import { useApp } from "../context.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import { FormField } from "../form-field.js";
import { useApi, useInvalidate } from "../server-state.js";
import { ErrorMessage, Empty, Link, Loading, Notice } from "../ui.js";
import { listCode, newListProblems, WATCHLIST_KINDS, type NewWatchlist, type WatchlistItem } from "../watchlists.js";

export function Watchlists() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const lists = useApi<{ items: WatchlistItem[] }>(`/v1/units/${code}/watchlists`);
  const items = lists.data?.items ?? [];
  const columns = useMemo<DataColumn<WatchlistItem>[]>(
    () => [
      { id: "code", header: t("watchlists.code"), sortValue: (l) => l.code, cell: (l) => <Link to={`/units/${code}/watchlists/${encodeURIComponent(l.code)}`}>{l.code}</Link> },
      { id: "name", header: t("watchlists.name"), sortValue: (l) => l.name, cell: (l) => l.name },
      { id: "kind", header: t("watchlists.kind"), sortValue: (l) => t(`watchlists.kind.${l.kind}`), cell: (l) => t(`watchlists.kind.${l.kind}`) },
      { id: "active", header: t("watchlists.active"), numeric: true, descFirst: true, sortValue: (l) => l.entries, cell: (l) => fmt.number(l.entries, 0) },
      { id: "expired", header: t("watchlists.expired"), numeric: true, descFirst: true, sortValue: (l) => l.expiredEntries, cell: (l) => fmt.number(l.expiredEntries, 0) },
      { id: "createdAt", header: t("watchlists.createdAt"), descFirst: true, sortValue: (l) => l.createdAt, cell: (l) => fmt.date(l.createdAt) },
      {
        id: "usedBy",
        header: t("watchlists.usedBy"),
        cell: (list) => (
          <>
            {list.system && <div>{t("watchlists.system")}</div>}
            {list.usedBy.map((use) => (
              <div key={`${use.profileCode}/${use.version}`}>
                <Link to={`/units/${code}/profiles/${encodeURIComponent(use.profileCode)}/versions/${use.version}`}>
                  {t("watchlist.useItem", { profile: use.profileCode, version: use.version, status: t(`state.${use.status}`) })}
                </Link>
              </div>
            ))}
            {!list.system && list.usedBy.length === 0 && t("app.none")}
          </>
        ),
      },
    ],
    [t, fmt, code],
  );
  // Set by the list's page after deleting it.
  const [params] = useSearchParams();
  const [deleted] = useState(() => {
    const list = params.get("deleted");
    return list ? { code: list, entries: Number(params.get("entries") ?? 0) } : null;
  });
  return (
    <section aria-labelledby="watchlists-title">
      <h1 id="watchlists-title">{t("watchlists.title", { unit: code })}</h1>
      <p>{t("watchlists.help")}</p>
      {deleted && <Notice>{t("watchlists.deleted", { code: deleted.code, n: fmt.number(deleted.entries, 0) })}</Notice>}
      {lists.isPending && <Loading />}
      {lists.error && <ErrorMessage error={lists.error} retry={() => void lists.refetch()} />}
      {lists.data && items.length === 0 && <Empty>{t("watchlists.empty")}</Empty>}
      {items.length > 0 && (
        <DataTable
          rows={items}
          columns={columns}
          rowKey={(list) => list.id}
          caption={t("watchlists.caption", { n: items.length })}
          testId="watchlists"
          sortLabel={(column) => t("table.sortBy", { column })}
        />
      )}
      <CreateWatchlist />
    </section>
  );
}

const BLANK: NewWatchlist = { code: "", name: "", kind: "" };

function CreateWatchlist() {
  const { t, unit } = useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const code = unit!.code;
  const { form, set, problem, error, busy, submit } = useCheckedForm({
    blank: BLANK,
    fields: ["code", "name", "kind"],
    check: newListProblems,
    send: async (list) => {
      const created = await post<WatchlistItem>(`/v1/units/${code}/watchlists`, { code: listCode(list.code), name: list.name.trim(), kind: list.kind });
      await invalidate(`/v1/units/${code}/watchlists`);
      void navigate(`/units/${code}/watchlists/${encodeURIComponent(created.code)}`);
    },
  });
  return (
    <section className="card" aria-labelledby="create-list-h">
      <h2 id="create-list-h">{t("watchlists.create")}</h2>
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <FormField id="list-code" label={t("watchlists.code")} hint={t("watchlists.codeHelp")} error={problem("code")}>
            {(control) => <input {...control} value={form.code} onChange={set("code")} maxLength={64} autoComplete="off" />}
          </FormField>
          <FormField id="list-name" label={t("watchlists.name")} error={problem("name")}>
            {(control) => <input {...control} value={form.name} onChange={set("name")} maxLength={200} />}
          </FormField>
          <FormField id="list-kind" label={t("watchlists.kind")} error={problem("kind")}>
            {(control) => (
              <select {...control} value={form.kind} onChange={set("kind")}>
                <option value="">{t("watchlists.chooseKind")}</option>
                {WATCHLIST_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`watchlists.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <button type="submit" disabled={busy}>
          {t("watchlists.createSubmit")}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
