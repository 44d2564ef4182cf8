// Users: the list (filtered from the URL), a new user with a first role,
// disable and enable, and a password reset whose one-time password is shown
// once here, to hand over. Disabling and resetting end the user's sessions, so
// each is asked first in a dialog that says so; enabling is done at once.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { post } from "../../api.js";
import { useCheckedForm } from "../../checked-form.js";
import { ConfirmDialog } from "../../confirm-dialog.js";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import { FormField, type ControlProps } from "../../form-field.js";
import type { DataColumn } from "../../data-table/columns.js";
import { useApi } from "../../server-state.js";
import { useUrlState } from "../../url-state.js";
import { ErrorMessage, Field, Link, ListStates, Notice } from "../../ui.js";
import { RoleScopeFields } from "./admin-fields.js";
import { AGENCIES_PATH, AdminFrame, USERS_PATH, scopeOf, useAdminChange, type AdminUser, type Agency } from "./admin-shared.js";
import { EMPTY_NEW_USER, NEW_USER_CLEARS, newUserBody, newUserProblems, newUserServerProblems, type NewUserField } from "./new-user-form.js";

const parseFilter = (params: URLSearchParams) => params.get("q") ?? "";
const writeFilter = (q: string) => new URLSearchParams(q ? { q } : {});

export function AdminUsers() {
  const { t, me } = useApp();
  const users = useApi<{ items: AdminUser[] }>(USERS_PATH);
  const [q, setQ] = useUrlState(parseFilter, writeFilter);
  const change = useAdminChange();
  const [notice, setNotice] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);
  const [asking, setAsking] = useState<{ user: AdminUser; what: "disable" | "password-reset" } | null>(null);
  const needle = q.trim().toLowerCase();
  const shown = (users.data?.items ?? []).filter(
    (u) => !needle || u.username.includes(needle) || u.displayName.toLowerCase().includes(needle) || u.agency.toLowerCase().includes(needle),
  );
  const act = async (user: AdminUser, what: "disable" | "enable" | "password-reset") => {
    setNotice(null);
    setOneTime(null);
    const result = await change.run<{ oneTimePassword?: string }>("POST", `${USERS_PATH}/${user.id}/${what}`);
    if (!result) return;
    if (what === "password-reset" && result.oneTimePassword) setOneTime({ username: user.username, password: result.oneTimePassword });
    else setNotice(t(what === "disable" ? "admin.users.disabledNotice" : "admin.users.enabledNotice", { user: user.username }));
  };
  const confirm = async () => {
    if (asking === null) return;
    await act(asking.user, asking.what);
    setAsking(null);
  };
  const columns: DataColumn<AdminUser>[] = [
    { id: "username", header: t("admin.col.user"), rowHeader: true, cell: (u) => u.username, sortValue: (u) => u.username },
    { id: "displayName", header: t("admin.col.name"), cell: (u) => u.displayName, sortValue: (u) => u.displayName },
    { id: "agency", header: t("admin.col.agency"), cell: (u) => u.agency, sortValue: (u) => u.agency },
    {
      id: "roles",
      header: t("admin.col.roles"),
      cell: (u) => (
        <Link to={`/admin/roles?user=${encodeURIComponent(u.username)}`}>
          {u.memberships.length > 0 ? u.memberships.map((m) => `${m.role} ${scopeOf(m)}`).join(", ") : t("admin.users.noRoles", { user: u.username })}
        </Link>
      ),
    },
    {
      id: "status",
      header: t("admin.col.status"),
      cell: (u) => (u.disabled ? t("admin.users.disabled") : u.hasPassword ? t("admin.users.active") : t("admin.users.noPassword")),
    },
    {
      id: "actions",
      header: t("admin.col.actions"),
      cell: (u) => (
        <div className="actions">
          {u.username !== me.username &&
            (u.disabled ? (
              <button type="button" disabled={change.busy} onClick={() => void act(u, "enable")}>
                {t("admin.users.enable", { user: u.username })}
              </button>
            ) : (
              <button type="button" disabled={change.busy} onClick={() => setAsking({ user: u, what: "disable" })}>
                {t("admin.users.disable", { user: u.username })}
              </button>
            ))}
          <button type="button" disabled={change.busy} onClick={() => setAsking({ user: u, what: "password-reset" })}>
            {t("admin.users.reset", { user: u.username })}
          </button>
          <Link to={`/admin/tokens?user=${encodeURIComponent(u.username)}`}>{t("admin.users.tokens", { user: u.username })}</Link>
        </div>
      ),
    },
  ];
  return (
    <AdminFrame title={t("admin.users.title")}>
      <CreateUser onCreated={(username) => setNotice(t("admin.users.created", { user: username }))} />
      <div className="filters">
        <Field label={t("admin.users.filter")}>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
      </div>
      {notice && <Notice>{notice}</Notice>}
      {oneTime && (
        <Notice>
          {t("admin.users.oneTime", { user: oneTime.username })} <code data-testid="one-time-password">{oneTime.password}</code>
        </Notice>
      )}
      {change.error && <ErrorMessage error={change.error} />}
      {asking && (
        <ConfirmDialog
          danger
          busy={change.busy}
          testId="user-confirm"
          title={t(asking.what === "disable" ? "admin.users.disableTitle" : "admin.users.resetTitle", { user: asking.user.username })}
          confirmLabel={t(asking.what === "disable" ? "admin.users.disableConfirm" : "admin.users.resetConfirm")}
          cancelLabel={t("admin.cancel")}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(null)}
        >
          <p>{t(asking.what === "disable" ? "admin.users.disableExplain" : "admin.users.resetExplain")}</p>
        </ConfirmDialog>
      )}
      <ListStates list={users} empty={t("admin.users.none")} />
      {shown.length > 0 && (
        <DataTable
          rows={shown}
          columns={columns}
          rowKey={(u) => u.id}
          sortLabel={(column) => t("table.sortBy", { column })}
          caption={t("admin.users.count", { count: shown.length })}
          initialSorting={[{ id: "username", desc: false }]}
          testId="admin-users"
        />
      )}
    </AdminFrame>
  );
}

function CreateUser({ onCreated }: { onCreated: (username: string) => void }) {
  const { t } = useApp();
  const agencies = useApi<{ items: Agency[] }>(AGENCIES_PATH);
  const queryClient = useQueryClient();
  const { form, set, problem, error, busy, submit } = useCheckedForm({
    blank: EMPTY_NEW_USER,
    fields: newUserServerProblems,
    check: newUserProblems,
    clears: NEW_USER_CLEARS,
    resetAfterSend: true,
    send: async (user) => {
      await post(USERS_PATH, newUserBody(user));
      await queryClient.invalidateQueries({ queryKey: ["v1", "admin"] });
      onCreated(user.username.trim());
    },
  });
  const field = (key: NewUserField, label: string, control: (c: ControlProps) => ReactNode, hint?: string) => (
    <FormField id={`new-user-${key}`} label={label} error={problem(key)} hint={hint}>
      {control}
    </FormField>
  );
  return (
    <details className="card">
      <summary>{t("admin.users.new")}</summary>
      <form onSubmit={submit} noValidate aria-label={t("admin.users.new")}>
        <div className="filters">
          {field("username", t("admin.col.user"), (c) => <input {...c} name="username" value={form.username} onChange={set("username")} autoComplete="off" />)}
          {field("displayName", t("admin.col.name"), (c) => <input {...c} name="displayName" value={form.displayName} onChange={set("displayName")} />)}
          {field("agencyCode", t("admin.col.agency"), (c) => (
            <select {...c} name="agencyCode" value={form.agencyCode} onChange={set("agencyCode")}>
              <option value="">{t("admin.choose")}</option>
              {agencies.data?.items.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.code} — {a.name}
                </option>
              ))}
            </select>
          ))}
          <RoleScopeFields form={form} set={set} field={field} />
          {field("password", t("admin.users.password"), (c) => <input {...c} name="password" type="password" autoComplete="new-password" value={form.password} onChange={set("password")} />)}
          <button type="submit" disabled={busy}>
            {t("admin.users.create")}
          </button>
        </div>
        <p className="hint">{t("admin.users.passwordHint")}</p>
        {error && <ErrorMessage error={error} />}
      </form>
    </details>
  );
}
