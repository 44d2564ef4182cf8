// Officer: the unit's queue of flagged containers, filtered on the server,
// sorted within the loaded rows (the shared DataTable), with cursor "load more".
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useApp } from "../context.js";
import type { DataColumn } from "../data-table/columns.js";
import { DataTable } from "../data-table/DataTable.js";
import { EMPTY_FILTERS, parseQueueSearch, queueSearchParams, shipmentQuery, type QueueFilters } from "../query.js";
import { useApi, useApiPages } from "../server-state.js";
import { useUrlState } from "../url-state.js";
import { BandBadge, Empty, ErrorMessage, Field, Link, Loading } from "../ui.js";

export interface QueueItem {
  id: string;
  manifestId: string | null;
  manifestRef: string | null;
  vesselName: string | null;
  billOfLading: string;
  containerNumber: string | null;
  arrivalDate: string | null;
  flagged: boolean;
  scoring: { status: string; score: number | null; band: string | null; selected: boolean; random: boolean };
  alerts: { alertId: string; fromUnit: string; subject: string; message: string }[];
  reasons: { code: string; label: string; points: number }[];
}
interface ManifestItem {
  id: string;
  manifestRef: string;
  vesselName: string | null;
  flightNumber: string | null;
  arrivalDate: string;
}

const BAND_ORDER: Record<string, number> = { high: 3, medium: 2, low: 1 };

export function Queue() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  // The applied filters live in the URL (a shared link or Back restores them); the form edits a draft of them.
  const [filters, setFilters] = useUrlState(parseQueueSearch, queueSearchParams);
  const [draft, setDraft] = useState<QueueFilters>(filters);
  useEffect(() => setDraft(filters), [filters]);
  const manifests = useApi<{ items: ManifestItem[] }>(`/v1/units/${code}/manifests`);
  // One cached list per filter set: rows of other filters never pass for these filters' results.
  const pages = useApiPages<{ items: QueueItem[]; nextCursor: string | null }>(`/v1/units/${code}/shipments?${shipmentQuery(filters)}`, (after) => `/v1/units/${code}/shipments?${shipmentQuery(filters, after)}`);
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const cursor = pages.hasNextPage;
  const state = {
    loading: pages.isFetching,
    error: pages.error ?? undefined,
    // "Try again" repeats what failed: the next page, or the list from its start.
    retry: () => void (pages.isFetchNextPageError ? pages.fetchNextPage() : pages.refetch()),
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const columns = useMemo<DataColumn<QueueItem>[]>(
    () => [
      {
        id: "container",
        header: t("col.container"),
        sortValue: (row) => row.containerNumber,
        cell: (row) => (
          <>
            <Link to={`/units/${code}/shipments/${row.id}`}>{row.containerNumber ?? row.billOfLading}</Link>
            {row.scoring.random && <span className="tag random">{t("detection.random")}</span>}
          </>
        ),
      },
      { id: "bl", header: t("col.bl"), sortValue: (row) => row.billOfLading, cell: (row) => row.billOfLading },
      { id: "vessel", header: t("col.vessel"), sortValue: (row) => row.vesselName, cell: (row) => row.vesselName ?? t("app.none") },
      { id: "arrival", header: t("col.arrival"), sortValue: (row) => row.arrivalDate, cell: (row) => fmt.date(row.arrivalDate) },
      { id: "score", header: t("col.score"), numeric: true, descFirst: true, sortValue: (row) => row.scoring.score, cell: (row) => fmt.number(row.scoring.score, 1) },
      { id: "band", header: t("col.band"), descFirst: true, sortValue: (row) => (row.scoring.band ? (BAND_ORDER[row.scoring.band] ?? 0) : null), cell: (row) => <BandBadge band={row.scoring.band} /> },
      {
        id: "reasons",
        header: t("col.reasons"),
        cell: (row) => (
          <ul className="reasons">
            {row.reasons.slice(0, 3).map((r) => (
              <li key={r.code}>
                {r.label} ({fmt.number(r.points, 1)})
              </li>
            ))}
          </ul>
        ),
      },
      { id: "alerts", header: t("col.alerts"), cell: (row) => (row.alerts.length > 0 ? row.alerts.map((a) => a.fromUnit).join(", ") : "") },
    ],
    [t, fmt, code],
  );

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t("queue.title", { unit: code })}</h1>
      <form className="filters" onSubmit={apply} aria-label={t("queue.filters")}>
        <Field label={t("queue.manifest")}>
          <select value={draft.manifestId} onChange={(e) => set("manifestId", e.target.value)}>
            <option value="">{t("queue.allManifests")}</option>
            {manifests.data?.items.map((m) => (
              <option key={m.id} value={m.id}>
                {(m.vesselName ?? m.flightNumber ?? "") + " · " + m.manifestRef + " · " + fmt.date(m.arrivalDate)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("queue.band")}>
          <select value={draft.band} onChange={(e) => set("band", e.target.value as QueueFilters["band"])}>
            <option value="">{t("queue.allBands")}</option>
            {(["high", "medium", "low"] as const).map((b) => (
              <option key={b} value={b}>
                {t(`band.${b}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("queue.arrivalFrom")}>
          <input type="date" value={draft.arrivalFrom} onChange={(e) => set("arrivalFrom", e.target.value)} />
        </Field>
        <Field label={t("queue.arrivalTo")}>
          <input type="date" value={draft.arrivalTo} onChange={(e) => set("arrivalTo", e.target.value)} />
        </Field>
        <Field label={t("queue.searchBy")}>
          <select value={draft.searchBy} onChange={(e) => set("searchBy", e.target.value as QueueFilters["searchBy"])}>
            <option value="container">{t("queue.searchBy.container")}</option>
            <option value="bl">{t("queue.searchBy.bl")}</option>
            <option value="party">{t("queue.searchBy.party")}</option>
          </select>
        </Field>
        <Field label={t("queue.search")}>
          <input type="search" value={draft.search} onChange={(e) => set("search", e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={draft.flaggedOnly} onChange={(e) => set("flaggedOnly", e.target.checked)} />
          {t("queue.flaggedOnly")}
        </label>
        <div className="actions">
          <button type="submit">{t("queue.apply")}</button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY_FILTERS);
              setFilters(EMPTY_FILTERS);
            }}
          >
            {t("queue.clear")}
          </button>
        </div>
      </form>
      {state.error ? (
        <ErrorMessage
          error={state.error}
          retry={() => {
            if (manifests.error) void manifests.refetch();
            state.retry();
          }}
        />
      ) : (
        manifests.error && <ErrorMessage error={manifests.error} retry={() => void manifests.refetch()} />
      )}
      {!state.loading && !state.error && rows.length === 0 && <Empty>{t("queue.empty")}</Empty>}
      {rows.length > 0 && (
        <>
          <p className="count" aria-live="polite">
            {t("queue.shown", { n: rows.length })}
          </p>
          <DataTable className="queue" rows={rows} columns={columns} rowKey={(row) => row.id} rowTestId="queue-row" sortLabel={(column) => t("queue.sortBy", { column })} />
        </>
      )}
      {state.loading && <Loading />}
      {cursor && !state.loading && (
        <button type="button" onClick={() => void pages.fetchNextPage()}>
          {t("queue.loadMore")}
        </button>
      )}
    </section>
  );
}
