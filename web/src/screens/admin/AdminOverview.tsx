// Where an admin lands: the units and their people, the users, each queue's
// health, the watched inboxes, and the last history imports and profile builds.
import { ApiError } from "../../api.js";
import { useApp } from "../../context.js";
import { useApi } from "../../server-state.js";
import { Empty, ErrorMessage, Link } from "../../ui.js";
import { ReadStates } from "./admin-fields.js";
import { AdminFrame } from "./admin-shared.js";

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

function OverviewBody({ data }: { data: Overview }) {
  const { t, fmt } = useApp();
  const n = (v: number) => fmt.number(v, 0);
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
      <table>
        <caption>{t("admin.overview.units")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.col.unit")}</th>
            <th scope="col">{t("admin.col.name")}</th>
            <th scope="col">{t("admin.col.programme")}</th>
            <th scope="col">{t("admin.col.members")}</th>
            <th scope="col">{t("admin.col.lastManifest")}</th>
          </tr>
        </thead>
        <tbody>
          {data.units.map((u) => (
            <tr key={u.code}>
              <th scope="row">
                <Link to={`/admin/roles?unit=${encodeURIComponent(u.code)}`}>{u.code}</Link>
              </th>
              <td>{u.name}</td>
              <td>{u.programme}</td>
              <td>{n(u.members)}</td>
              <td>{fmt.dateTime(u.lastManifestAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {"unavailable" in data.queues ? (
        <ErrorMessage error={new Error(data.queues.unavailable)} />
      ) : (
        <table data-testid="queue-health">
          <caption>{t("admin.overview.queues")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.col.queue")}</th>
              <th scope="col">{t("admin.col.waiting")}</th>
              <th scope="col">{t("admin.col.active")}</th>
              <th scope="col">{t("admin.col.delayed")}</th>
              <th scope="col">{t("admin.col.failed")}</th>
            </tr>
          </thead>
          <tbody>
            {data.queues.items.map((q) => (
              <tr key={q.name} className={q.failed > 0 ? "warning" : undefined}>
                <th scope="row">{q.paused ? t("admin.overview.paused", { queue: q.name }) : q.name}</th>
                <td>{n(q.waiting)}</td>
                <td>{n(q.active)}</td>
                <td>{n(q.delayed)}</td>
                <td>{n(q.failed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("admin.overview.imports")}</h2>
      {data.imports.length === 0 ? (
        <Empty>{t("admin.overview.noImports")}</Empty>
      ) : (
        <table>
          <caption className="visually-hidden">{t("admin.overview.imports")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.col.when")}</th>
              <th scope="col">{t("admin.col.unit")}</th>
              <th scope="col">{t("admin.col.file")}</th>
              <th scope="col">{t("admin.col.status")}</th>
              <th scope="col">{t("admin.col.rows")}</th>
            </tr>
          </thead>
          <tbody>
            {data.imports.map((i) => (
              <tr key={i.id}>
                <td>{fmt.dateTime(i.createdAt)}</td>
                <td>{i.unitCode}</td>
                <td>{i.fileName ?? t("app.none")}</td>
                <td>{i.status}</td>
                <td>{t("admin.overview.rows", { imported: i.rowsImported, rejected: i.rowsRejected })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("admin.overview.builds")}</h2>
      {data.builds.length === 0 ? (
        <Empty>{t("admin.overview.noBuilds")}</Empty>
      ) : (
        <table>
          <caption className="visually-hidden">{t("admin.overview.builds")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.col.when")}</th>
              <th scope="col">{t("admin.col.unit")}</th>
              <th scope="col">{t("admin.col.by")}</th>
              <th scope="col">{t("admin.col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {data.builds.map((b) => (
              <tr key={b.id}>
                <td>{fmt.dateTime(b.createdAt)}</td>
                <td>{b.unitCode}</td>
                <td>{b.createdByName ?? t("app.unknownUser")}</td>
                <td>{b.status === "running" ? `${b.status} ${fmt.percent(b.progress)}` : b.error ? `${b.status}: ${b.error}` : b.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The watched inboxes (helper E2's endpoint); a deployment without it shows nothing here. */
function InboxHealth() {
  const { t, fmt } = useApp();
  const inboxes = useApi<Inboxes>("/v1/admin/inboxes");
  if (inboxes.error instanceof ApiError && inboxes.error.status === 404) return null;
  return (
    <>
      <h2>{t("admin.overview.inboxes")}</h2>
      <ReadStates read={inboxes} />
      {inboxes.data && inboxes.data.inboxes.length === 0 && <Empty>{t("admin.overview.noInboxes")}</Empty>}
      {inboxes.data && inboxes.data.inboxes.length > 0 && (
        <table>
          <caption className="visually-hidden">{t("admin.overview.inboxes")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.col.unit")}</th>
              <th scope="col">{t("admin.col.directory")}</th>
              <th scope="col">{t("admin.col.watcher")}</th>
              <th scope="col">{t("admin.col.waiting")}</th>
              <th scope="col">{t("admin.col.failed")}</th>
              <th scope="col">{t("admin.col.lastSuccess")}</th>
            </tr>
          </thead>
          <tbody>
            {inboxes.data.inboxes.map((i) => (
              <tr key={`${i.unitCode}:${i.directory}`} className={i.alive ? undefined : "warning"}>
                <td>{i.unitCode}</td>
                <td>
                  <code>{i.directory}</code>
                </td>
                <td>{i.alive ? t("admin.overview.watcherAlive") : t("admin.overview.watcherDown")}</td>
                <td>{fmt.number(i.waiting, 0)}</td>
                <td>{fmt.number(i.counts.failed, 0)}</td>
                <td>{fmt.dateTime(i.lastSuccessAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
