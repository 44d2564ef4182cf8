// Officer: the unit's manifests as received, each with its state: stored, its
// shipments still being written (a large manifest answered before them, read
// again every few seconds while one is), or failed, with the reason and what
// happens next (the manifest is kept; an administrator retries it). Read a
// page at a time (the API's nextCursor, "Load more" as in the queue); the
// first page's total and failed count cover every manifest of the unit, so
// the caption and the failed-manifest alert never stop at the page.
import { useInfiniteQuery } from "@tanstack/react-query";
import { get } from "../api.js";
import { apiPagesKey } from "../api-key.js";
import { useApp } from "../context.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import type { Formatters } from "../format.js";
import type { Translate } from "../i18n.js";
import type { ManifestListItem } from "../manifest-list-item.js";
import { Empty, ErrorMessage, Loading } from "../ui.js";

/** One page of GET /v1/units/{code}/manifests: total and failed are counted with the first page (null on later ones). */
interface ManifestPage {
  items: ManifestListItem[];
  total: number | null;
  failed: number | null;
  nextCursor: string | null;
}

/** While a manifest's shipments are being written, the list is read again this often. */
const EXPANDING_POLL_MS = 5_000;
const PAGE_SIZE = 50;

export function ManifestListCard() {
  const { t, fmt, unit } = useApp();
  // Its own cache entry (the queue's manifest filter reads the plain list); the manifests' path prefix invalidates both.
  const first = `/v1/units/${unit?.code ?? ""}/manifests?limit=${PAGE_SIZE}`;
  const list = useInfiniteQuery<ManifestPage, Error>({
    queryKey: apiPagesKey(first),
    queryFn: ({ pageParam }) => get<ManifestPage>(pageParam ? `${first}&cursor=${encodeURIComponent(pageParam as string)}` : first),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: unit !== null,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((m) => m.state === "expanding")) ? EXPANDING_POLL_MS : false),
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const head = list.data?.pages[0];
  return (
    <section className="card" aria-labelledby="manifest-list-h">
      <h2 id="manifest-list-h">{t("manifests.listTitle")}</h2>
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={() => void (list.isFetchNextPageError ? list.fetchNextPage() : list.refetch())} />}
      {list.data && items.length === 0 && <Empty>{t("manifests.none")}</Empty>}
      {items.length > 0 && <ManifestListView items={items} total={head?.total ?? undefined} failed={head?.failed ?? undefined} t={t} fmt={fmt} />}
      {list.hasNextPage && !list.isFetching && (
        <button type="button" onClick={() => void list.fetchNextPage()}>
          {t("manifests.loadMore")}
        </button>
      )}
    </section>
  );
}

/**
 * The table, from props only (rendered without the app around it in the component test). `total` and `failed`
 * count every manifest of the unit (the API's first page); without them, those listed.
 */
export function ManifestListView({ items, total, failed: failedInUnit, t, fmt }: { items: readonly ManifestListItem[]; total?: number | undefined; failed?: number | undefined; t: Translate; fmt: Pick<Formatters, "number" | "date"> }) {
  const failed = failedInUnit ?? items.filter((m) => m.state === "failed").length;
  const count = total ?? items.length;
  return (
    <>
      {failed > 0 && (
        <p className="error" role="alert" data-testid="manifests-failed">
          {t("manifests.failedNotice", { count: failed })}
        </p>
      )}
      <DataTable
        rows={items}
        columns={columns(t, fmt)}
        rowKey={(m) => m.id}
        rowData={(m) => ({ "data-state": m.state })}
        sortLabel={(column) => t("table.sortBy", { column })}
        caption={t("manifests.listCaption", { count })}
        testId="manifest-list"
      />
      {items.length < count && (
        <p data-testid="manifests-shown">{t("manifests.shown", { shown: items.length, total: count })}</p>
      )}
    </>
  );
}

function columns(t: Translate, fmt: Pick<Formatters, "number" | "date">): DataColumn<ManifestListItem>[] {
  return [
    { id: "manifest", header: t("shipment.manifestRef"), cell: (m) => m.manifestRef, sortValue: (m) => m.manifestRef, rowHeader: true },
    { id: "vessel", header: t("col.vessel"), cell: (m) => m.vesselName ?? m.flightNumber ?? "—", sortValue: (m) => m.vesselName ?? m.flightNumber },
    { id: "route", header: t("col.route"), cell: (m) => `${m.portOfLoading} → ${m.portOfDischarge}` },
    { id: "arrival", header: t("col.arrival"), cell: (m) => fmt.date(m.arrivalDate), sortValue: (m) => m.arrivalDate, descFirst: true },
    { id: "shipments", header: t("edifact.shipments"), cell: (m) => fmt.number(m.shipmentCount, 0), sortValue: (m) => m.shipmentCount, numeric: true, descFirst: true },
    { id: "state", header: t("manifests.state"), cell: (m) => <StateCell manifest={m} t={t} />, sortValue: (m) => m.state },
  ];
}

function StateCell({ manifest, t }: { manifest: ManifestListItem; t: Translate }) {
  const label = t("manifests.stateName", { state: manifest.state });
  if (manifest.state !== "failed" || !manifest.failure) return <>{label}</>;
  return (
    <>
      <strong>{label}</strong>
      <p className="error">{t("manifests.failedReason", { reason: manifest.failure.reason, attempts: manifest.failure.attempts })}</p>
    </>
  );
}
