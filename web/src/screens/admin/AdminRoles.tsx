// Roles per unit and agency: every user's roles, filtered by unit, agency and
// user from the URL; grant a role (in a unit, or a manager's programme or
// country scope) and revoke one.
import { useState } from "react";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import type { DataColumn } from "../../data-table/columns.js";
import { useApi } from "../../server-state.js";
import { useUrlState } from "../../url-state.js";
import { ErrorMessage, Field, ListStates, Notice } from "../../ui.js";
import { AdminFormCard, RoleScopeFields, UnitSelect, UserSelect } from "./admin-fields.js";
import { AGENCIES_PATH, AdminFrame, USERS_PATH, scopeOf, useAdminChange, type AdminMembership, type AdminRole, type AdminUser, type Agency } from "./admin-shared.js";

interface RoleFilters {
  unit: string;
  agency: string;
  user: string;
}
const parseFilters = (p: URLSearchParams): RoleFilters => ({ unit: p.get("unit") ?? "", agency: p.get("agency") ?? "", user: p.get("user") ?? "" });
/** One role of one user: a row of the table. */
interface RoleRow {
  user: AdminUser;
  m: AdminMembership;
}
const writeFilters = (f: RoleFilters) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]);

export function AdminRoles() {
  const { t } = useApp();
  const users = useApi<{ items: AdminUser[] }>(USERS_PATH);
  const agencies = useApi<{ items: Agency[] }>(AGENCIES_PATH);
  const [filters, setFilters] = useUrlState(parseFilters, writeFilters);
  const change = useAdminChange();
  const [notice, setNotice] = useState<string | null>(null);
  const rows: RoleRow[] = (users.data?.items ?? [])
    .filter((u) => (!filters.agency || u.agency === filters.agency) && (!filters.user || u.username === filters.user))
    .flatMap((u) => u.memberships.map((m) => ({ user: u, m })))
    .filter(({ m }) => !filters.unit || m.unitCode === filters.unit);
  const revoke = async (user: AdminUser, membershipId: string, label: string) => {
    setNotice(null);
    if (await change.run("DELETE", `/v1/admin/memberships/${membershipId}`)) setNotice(t("admin.roles.revoked", { role: label, user: user.username }));
  };
  const columns: DataColumn<RoleRow>[] = [
    { id: "user", header: t("admin.col.user"), rowHeader: true, cell: (r) => r.user.username, sortValue: (r) => r.user.username },
    { id: "agency", header: t("admin.col.agency"), cell: (r) => r.user.agency, sortValue: (r) => r.user.agency },
    { id: "role", header: t("admin.col.role"), cell: (r) => r.m.role, sortValue: (r) => r.m.role },
    { id: "scope", header: t("admin.col.scope"), cell: (r) => scopeOf(r.m), sortValue: (r) => scopeOf(r.m) },
    {
      id: "actions",
      header: t("admin.col.actions"),
      cell: ({ user, m }) => (
        <button type="button" disabled={change.busy} onClick={() => void revoke(user, m.id, `${m.role} ${scopeOf(m)}`)}>
          {t("admin.roles.revoke", { role: `${m.role} ${scopeOf(m)}`, user: user.username })}
        </button>
      ),
    },
  ];
  const set = (key: keyof RoleFilters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  return (
    <AdminFrame title={t("admin.roles.title")}>
      <GrantRole users={users.data?.items ?? []} onGranted={(text) => setNotice(text)} />
      <div className="filters" role="group" aria-label={t("admin.filters")}>
        <UnitSelect value={filters.unit} onChange={set("unit")} none="admin.all" />
        <Field label={t("admin.col.agency")}>
          <select value={filters.agency} onChange={set("agency")}>
            <option value="">{t("admin.all")}</option>
            {agencies.data?.items.map((a) => (
              <option key={a.code} value={a.code}>
                {a.code}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("admin.col.user")}>
          <input type="search" value={filters.user} onChange={set("user")} />
        </Field>
      </div>
      {notice && <Notice>{notice}</Notice>}
      {change.error && <ErrorMessage error={change.error} />}
      <ListStates list={users} />
      {users.data && (
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(r) => r.m.id}
          sortLabel={(column) => t("table.sortBy", { column })}
          caption={t("admin.roles.count", { count: rows.length })}
          testId="admin-roles"
        />
      )}
    </AdminFrame>
  );
}

function GrantRole({ users, onGranted }: { users: AdminUser[]; onGranted: (text: string) => void }) {
  const { t } = useApp();
  const change = useAdminChange();
  const [form, setForm] = useState({ userId: "", role: "officer" as AdminRole, unitCode: "", programme: "", country: "" });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = async () => {
    const body = {
      role: form.role,
      ...(form.unitCode ? { unitCode: form.unitCode } : {}),
      ...(form.programme ? { programme: form.programme } : {}),
      ...(form.country ? { country: form.country } : {}),
    };
    const user = users.find((u) => u.id === form.userId);
    if (await change.run("POST", `${USERS_PATH}/${form.userId}/memberships`, body)) {
      onGranted(t("admin.roles.granted", { role: `${form.role} ${scopeOf({ unitCode: form.unitCode || null, programme: form.programme || null, country: form.country || null })}`, user: user?.username ?? "" }));
    }
  };
  return (
    <AdminFormCard id="grant-role-title" title={t("admin.roles.grant")} submit={t("admin.roles.grantSubmit")} busy={change.busy} error={change.error} onSubmit={submit}>
      <UserSelect users={users} value={form.userId} onChange={set("userId")} />
      <RoleScopeFields form={form} set={set} />
      <Field label={t("admin.col.country")}>
        <input name="country" maxLength={2} value={form.country} onChange={set("country")} />
      </Field>
    </AdminFormCard>
  );
}
