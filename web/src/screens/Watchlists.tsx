// Analyst: the unit's watchlists (the lists profiles check with inList), each
// with the profile versions that use it, and a form to create one; a list
// opens on its entries (WatchlistEntries.tsx), where it is renamed or deleted.
import { useNavigate, useSearchParams } from "react-router";
import { useState } from "react";
import { post } from "../api.js";
import { useCheckedForm } from "../checked-form.js";
import { useApp } from "../context.js";
import { FormField } from "../form-field.js";
import { useApi, useInvalidate } from "../server-state.js";
import { ColumnHeads } from "../table.js";
import { ErrorMessage, Empty, Link, Loading, Notice } from "../ui.js";
import { listCode, newListProblems, WATCHLIST_KINDS, type NewWatchlist, type WatchlistItem } from "../watchlists.js";

export function Watchlists() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const lists = useApi<{ items: WatchlistItem[] }>(`/v1/units/${code}/watchlists`);
  const items = lists.data?.items ?? [];
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
        <table data-testid="watchlists">
          <caption>{t("watchlists.caption", { n: items.length })}</caption>
          <ColumnHeads
            labels={[t("watchlists.code"), t("watchlists.name"), t("watchlists.kind"), t("watchlists.active"), t("watchlists.expired"), t("watchlists.createdAt"), t("watchlists.usedBy")]}
          />
          <tbody>
            {items.map((list) => (
              <tr key={list.id}>
                <td>
                  <Link to={`/units/${code}/watchlists/${encodeURIComponent(list.code)}`}>{list.code}</Link>
                </td>
                <td>{list.name}</td>
                <td>{t(`watchlists.kind.${list.kind}`)}</td>
                <td className="num">{fmt.number(list.entries, 0)}</td>
                <td className="num">{fmt.number(list.expiredEntries, 0)}</td>
                <td>{fmt.date(list.createdAt)}</td>
                <td>
                  {list.system && <div>{t("watchlists.system")}</div>}
                  {list.usedBy.map((use) => (
                    <div key={`${use.profileCode}/${use.version}`}>
                      <Link to={`/units/${code}/profiles/${encodeURIComponent(use.profileCode)}/versions/${use.version}`}>
                        {t("watchlist.useItem", { profile: use.profileCode, version: use.version, status: t(`state.${use.status}`) })}
                      </Link>
                    </div>
                  ))}
                  {!list.system && list.usedBy.length === 0 && t("app.none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
