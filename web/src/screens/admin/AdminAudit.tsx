// The audit viewer: filters by actor, action, entity, unit and period kept in
// the URL (a filtered view can be shared), newest first (or oldest first among
// those loaded), older pages on request, and the same filters exported as CSV.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { asError, downloadCsv, get } from "../../api.js";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import type { ColumnSort, DataColumn } from "../../data-table/columns.js";
import { apiPagesKey } from "../../server-state.js";
import { useUrlState } from "../../url-state.js";
import { Empty, ErrorMessage, Field, Loading } from "../../ui.js";
import { AdminFrame, timeOf } from "./admin-shared.js";

const FILTERS = ["actor", "action", "entityType", "entityId", "unitCode", "from", "to"] as const;
type AuditFilters = Record<(typeof FILTERS)[number], string>;

interface AuditEvent {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitCode: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}
interface AuditPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

const parseFilters = (p: URLSearchParams): AuditFilters => Object.fromEntries(FILTERS.map((name) => [name, p.get(name) ?? ""])) as AuditFilters;
const writeFilters = (f: AuditFilters) => new URLSearchParams(FILTERS.filter((name) => f[name].trim()).map((name) => [name, f[name].trim()]));

const LABELS = {
  actor: "admin.audit.actor",
  action: "admin.audit.action",
  entityType: "admin.audit.entityType",
  entityId: "admin.audit.entityId",
  unitCode: "admin.col.unit",
  from: "admin.audit.from",
  to: "admin.audit.to",
} as const;

export function AdminAudit() {
  const { t, fmt } = useApp();
  const [filters, setFilters] = useUrlState(parseFilters, writeFilters);
  const [draft, setDraft] = useState(filters);
  // Back/forward or a shared link change the URL: the form follows it.
  useEffect(() => setDraft(filters), [filters]);
  const query = writeFilters(filters).toString();
  const path = `/v1/admin/audit${query ? `?${query}` : ""}`;
  const pages = useInfiniteQuery<AuditPage, Error>({
    queryKey: apiPagesKey(path),
    queryFn: ({ pageParam }) => {
      const before = pageParam as number | null;
      return get<AuditPage>(before ? `${path}${query ? "&" : "?"}before=${before}` : path);
    },
    initialPageParam: null,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const [exportError, setExportError] = useState<Error | null>(null);
  const events = pages.data?.pages.flatMap((p) => p.items) ?? [];
  // The server sends newest first, a page at a time; oldest first reverses the
  // events loaded so far, and says that older ones wait on the next pages.
  const [sorting, setSorting] = useState<ColumnSort[]>([{ id: "at", desc: true }]);
  const oldestFirst = sorting[0]?.id === "at" && !sorting[0].desc;
  const columns: DataColumn<AuditEvent>[] = [
    { id: "at", header: t("admin.col.when"), cell: (e) => fmt.dateTime(e.at), sortValue: (e) => timeOf(e.at), descFirst: true },
    { id: "actor", header: t("admin.audit.actor"), cell: (e) => e.actor ?? t("app.none") },
    { id: "action", header: t("admin.audit.action"), cell: (e) => <code>{e.action}</code> },
    { id: "entity", header: t("admin.audit.entity"), cell: (e) => `${e.entityType}${e.entityId ? ` ${e.entityId}` : ""}` },
    { id: "unit", header: t("admin.col.unit"), cell: (e) => e.unitCode ?? t("app.none") },
    { id: "change", header: t("admin.audit.change"), cell: (e) => <Change event={e} /> },
  ];
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const exportCsv = () => {
    setExportError(null);
    downloadCsv(`/v1/admin/audit/export${query ? `?${query}` : ""}`, "audit.csv").catch((e: unknown) => setExportError(asError(e)));
  };
  return (
    <AdminFrame title={t("admin.audit.title")}>
      <form className="filters" onSubmit={apply} aria-label={t("admin.filters")}>
        {FILTERS.map((name) => (
          <Field key={name} label={t(LABELS[name])}>
            <input
              name={name}
              type={name === "from" || name === "to" ? "date" : "text"}
              value={draft[name]}
              onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
            />
          </Field>
        ))}
        <button type="submit">{t("admin.audit.apply")}</button>
        <button type="button" onClick={exportCsv}>
          {t("admin.audit.export")}
        </button>
      </form>
      <p className="hint">{t("admin.audit.hint")}</p>
      {exportError && <ErrorMessage error={exportError} />}
      {pages.isPending && <Loading />}
      {pages.error && <ErrorMessage error={pages.error} retry={() => void pages.refetch()} />}
      {pages.data && events.length === 0 && <Empty>{t("admin.audit.none")}</Empty>}
      {events.length > 0 && (
        <DataTable
          rows={events}
          columns={columns}
          rowKey={(e) => String(e.id)}
          sortLabel={(column) => t("table.sortBy", { column })}
          caption={t(oldestFirst ? "admin.audit.countOldestFirst" : "admin.audit.count", { count: events.length })}
          sorting={sorting}
          onSortingChange={setSorting}
          testId="audit-events"
        />
      )}
      {oldestFirst && pages.hasNextPage && <p className="hint">{t("admin.audit.olderNotLoaded")}</p>}
      {pages.hasNextPage && (
        <button type="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {t("admin.audit.older")}
        </button>
      )}
    </AdminFrame>
  );
}

function Change({ event }: { event: AuditEvent }) {
  const { t } = useApp();
  const parts = [
    ["before", event.before],
    ["after", event.after],
    ["details", event.details],
  ].filter(([, value]) => value !== null && value !== undefined) as [string, unknown][];
  if (parts.length === 0) return <>{t("app.none")}</>;
  return (
    <details>
      <summary>{t("admin.audit.show")}</summary>
      {parts.map(([name, value]) => (
        <pre key={name}>
          {name}: {JSON.stringify(value, null, 1)}
        </pre>
      ))}
    </details>
  );
}
