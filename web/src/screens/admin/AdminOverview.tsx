// Where an admin lands: the units and their people, the users, each queue's
// health, the watched inboxes, and the last history imports and profile builds.
import { ApiError } from "../../api.js";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import type { DataColumn } from "../../data-table/columns.js";
import { useApi } from "../../server-state.js";
import { Empty, ErrorMessage, Link } from "../../ui.js";
import { ReadStates } from "./admin-fields.js";
import { AdminFrame, timeOf } from "./admin-shared.js";

interface Overview {
  units: { code: string; name: string; kind: string; country: string; programme: string; members: number; lastManifestAt: string | null }[];
  users: { total: number; active: number; disabled: number; admins: number; withoutPassword: number };
  queues: { items: { name: string; waiting: number; active: number; delayed: number; failed: number; paused: boolean }[] } | { unavailable: string };
  imports: { id: string; unitCode: string; fileName: string | null; status: string; rowsImported: number; rowsRejected: number; createdAt: string }[];
  builds: { id: string; unitCode: string; status: string; progress: number; createdBy: string | null; createdByName: string | null; createdAt: string; error: string | null }[];
}

interface Inboxes {
  inboxes: {
    unitCode: string;
    directory: string;
    alive: boolean;
    waiting: number;
    counts: { done: number; failed: number; processing: number };
    lastSuccessAt: string | null;
  }[];
}

type Inbox = Inboxes["inboxes"][number];

export function AdminOverview() {
  const { t } = useApp();
  const overview = useApi<Overview>("/v1/admin/overview");
  return (
    <AdminFrame title={t("admin.overview.title")}>
      <ReadStates read={overview} />
      {overview.data && <OverviewBody data={overview.data} />}
      <InboxHealth />
    </AdminFrame>
  );
}

type Unit = Overview["units"][number];
type QueueHealth = Extract<Overview["queues"], { items: unknown }>["items"][number];
type ImportRun = Overview["imports"][number];
type BuildRun = Overview["builds"][number];

function OverviewBody({ data }: { data: Overview }) {
  const { t, fmt } = useApp();
  const n = (v: number) => fmt.number(v, 0);
  const sortLabel = (column: string) => t("table.sortBy", { column });
  const unitColumns: DataColumn<Unit>[] = [
    {
      id: "code",
      header: t("admin.col.unit"),
      rowHeader: true,
      cell: (u) => <Link to={`/admin/roles?unit=${encodeURIComponent(u.code)}`}>{u.code}</Link>,
      sortValue: (u) => u.code,
    },
    { id: "name", header: t("admin.col.name"), cell: (u) => u.name, sortValue: (u) => u.name },
    { id: "programme", header: t("admin.col.programme"), cell: (u) => u.programme, sortValue: (u) => u.programme },
    { id: "members", header: t("admin.col.members"), numeric: true, cell: (u) => n(u.members), sortValue: (u) => u.members, descFirst: true },
    { id: "lastManifest", header: t("admin.col.lastManifest"), cell: (u) => fmt.dateTime(u.lastManifestAt), sortValue: (u) => timeOf(u.lastManifestAt), descFirst: true },
  ];
  const queueColumns: DataColumn<QueueHealth>[] = [
    { id: "queue", header: t("admin.col.queue"), rowHeader: true, cell: (q) => (q.paused ? t("admin.overview.paused", { queue: q.name }) : q.name) },
    { id: "waiting", header: t("admin.col.waiting"), numeric: true, cell: (q) => n(q.waiting) },
    { id: "active", header: t("admin.col.active"), numeric: true, cell: (q) => n(q.active) },
    { id: "delayed", header: t("admin.col.delayed"), numeric: true, cell: (q) => n(q.delayed) },
    { id: "failed", header: t("admin.col.failed"), numeric: true, cell: (q) => n(q.failed) },
  ];
  const importColumns: DataColumn<ImportRun>[] = [
    { id: "when", header: t("admin.col.when"), cell: (i) => fmt.dateTime(i.createdAt) },
    { id: "unit", header: t("admin.col.unit"), cell: (i) => i.unitCode },
    { id: "file", header: t("admin.col.file"), cell: (i) => i.fileName ?? t("app.none") },
    { id: "status", header: t("admin.col.status"), cell: (i) => i.status },
    { id: "rows", header: t("admin.col.rows"), cell: (i) => t("admin.overview.rows", { imported: i.rowsImported, rejected: i.rowsRejected }) },
  ];
  const buildColumns: DataColumn<BuildRun>[] = [
    { id: "when", header: t("admin.col.when"), cell: (b) => fmt.dateTime(b.createdAt) },
    { id: "unit", header: t("admin.col.unit"), cell: (b) => b.unitCode },
    { id: "by", header: t("admin.col.by"), cell: (b) => b.createdByName ?? t("app.unknownUser") },
    {
      id: "status",
      header: t("admin.col.status"),
      cell: (b) => (b.status === "running" ? `${b.status} ${fmt.percent(b.progress)}` : b.error ? `${b.status}: ${b.error}` : b.status),
    },
  ];
  return (
    <>
      <section aria-labelledby="admin-users-heading">
        <h2 id="admin-users-heading">{t("admin.overview.users")}</h2>
        <p>
          {t("admin.overview.userCounts", { active: data.users.active, disabled: data.users.disabled, admins: data.users.admins })}{" "}
          {data.users.withoutPassword > 0 && t("admin.overview.withoutPassword", { count: data.users.withoutPassword })}{" "}
          <Link to="/admin/users">{t("admin.overview.manageUsers")}</Link>
        </p>
      </section>
      <DataTable rows={data.units} columns={unitColumns} rowKey={(u) => u.code} sortLabel={sortLabel} caption={t("admin.overview.units")} testId="admin-units" />
      {"unavailable" in data.queues ? (
        <ErrorMessage error={new Error(data.queues.unavailable)} />
      ) : (
        <DataTable
          rows={data.queues.items}
          columns={queueColumns}
          rowKey={(q) => q.name}
          sortLabel={sortLabel}
          caption={t("admin.overview.queues")}
          testId="queue-health"
          rowClassName={(q) => (q.failed > 0 ? "warning" : undefined)}
        />
      )}
      <h2>{t("admin.overview.imports")}</h2>
      {data.imports.length === 0 ? (
        <Empty>{t("admin.overview.noImports")}</Empty>
      ) : (
        <DataTable rows={data.imports} columns={importColumns} rowKey={(i) => i.id} sortLabel={sortLabel} caption={<span className="visually-hidden">{t("admin.overview.imports")}</span>} />
      )}
      <h2>{t("admin.overview.builds")}</h2>
      {data.builds.length === 0 ? (
        <Empty>{t("admin.overview.noBuilds")}</Empty>
      ) : (
        <DataTable rows={data.builds} columns={buildColumns} rowKey={(b) => b.id} sortLabel={sortLabel} caption={<span className="visually-hidden">{t("admin.overview.builds")}</span>} />
      )}
    </>
  );
}

/** The watched inboxes (helper E2's endpoint); a deployment without it shows nothing here. */
function InboxHealth() {
  const { t, fmt } = useApp();
  const inboxes = useApi<Inboxes>("/v1/admin/inboxes");
  if (inboxes.error instanceof ApiError && inboxes.error.status === 404) return null;
  const inboxColumns: DataColumn<Inbox>[] = [
    { id: "unit", header: t("admin.col.unit"), cell: (i) => i.unitCode },
    { id: "directory", header: t("admin.col.directory"), cell: (i) => <code>{i.directory}</code> },
    { id: "watcher", header: t("admin.col.watcher"), cell: (i) => (i.alive ? t("admin.overview.watcherAlive") : t("admin.overview.watcherDown")) },
    { id: "waiting", header: t("admin.col.waiting"), numeric: true, cell: (i) => fmt.number(i.waiting, 0) },
    { id: "failed", header: t("admin.col.failed"), numeric: true, cell: (i) => fmt.number(i.counts.failed, 0) },
    { id: "lastSuccess", header: t("admin.col.lastSuccess"), cell: (i) => fmt.dateTime(i.lastSuccessAt) },
  ];
  return (
    <>
      <h2>{t("admin.overview.inboxes")}</h2>
      <ReadStates read={inboxes} />
      {inboxes.data && inboxes.data.inboxes.length === 0 && <Empty>{t("admin.overview.noInboxes")}</Empty>}
      {inboxes.data && inboxes.data.inboxes.length > 0 && (
        <DataTable
          rows={inboxes.data.inboxes}
          columns={inboxColumns}
          rowKey={(i) => `${i.unitCode}:${i.directory}`}
          sortLabel={(column) => t("table.sortBy", { column })}
          caption={<span className="visually-hidden">{t("admin.overview.inboxes")}</span>}
          rowClassName={(i) => (i.alive ? undefined : "warning")}
        />
      )}
    </>
  );
}
