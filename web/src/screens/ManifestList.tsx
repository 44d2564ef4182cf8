// Officer: the unit's manifests as received, each with its state: stored, its
// shipments still being written (a large manifest answered before them, read
// again every few seconds while one is), or failed, with the reason and what
// happens next (the manifest is kept; an administrator retries it). The same
// read as the queue's manifest filter, so the two share one cache entry.
import { useQuery } from "@tanstack/react-query";
import { get } from "../api.js";
import { apiKey } from "../api-key.js";
import { useApp } from "../context.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import type { Formatters } from "../format.js";
import type { Translate } from "../i18n.js";
import { ListStates } from "../ui.js";

export interface ManifestListItem {
  id: string;
  manifestRef: string;
  vesselName: string | null;
  flightNumber: string | null;
  portOfLoading: string;
  portOfDischarge: string;
  arrivalDate: string;
  shipmentCount: number;
  receivedAt: string;
  state: "stored" | "expanding" | "failed";
  /** With state "failed": the last error, safe to show, and after how many attempts. */
  failure?: { reason: string; attempts: number; failedAt: string };
}

/** While a manifest's shipments are being written, the list is read again this often. */
const EXPANDING_POLL_MS = 5_000;

export function ManifestListCard() {
  const { t, fmt, unit } = useApp();
  const path = `/v1/units/${unit?.code ?? ""}/manifests`;
  const list = useQuery<{ items: ManifestListItem[] }, Error>({
    queryKey: apiKey(path),
    queryFn: () => get<{ items: ManifestListItem[] }>(path),
    enabled: unit !== null,
    refetchInterval: (query) => (query.state.data?.items.some((m) => m.state === "expanding") ? EXPANDING_POLL_MS : false),
  });
  return (
    <section className="card" aria-labelledby="manifest-list-h">
      <h2 id="manifest-list-h">{t("manifests.listTitle")}</h2>
      <ListStates list={list} empty={t("manifests.none")} />
      {list.data && list.data.items.length > 0 && <ManifestListView items={list.data.items} t={t} fmt={fmt} />}
    </section>
  );
}

/** The table, from props only (rendered without the app around it in the component test). */
export function ManifestListView({ items, t, fmt }: { items: readonly ManifestListItem[]; t: Translate; fmt: Pick<Formatters, "number" | "date"> }) {
  const failed = items.filter((m) => m.state === "failed").length;
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
        caption={t("manifests.listCaption", { count: items.length })}
        testId="manifest-list"
      />
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
