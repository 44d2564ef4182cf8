// Roles per unit and agency: every user's roles, filtered by unit, agency and
// user from the URL; grant a role (in a unit, or a manager's programme or
// country scope) and revoke one.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { post } from "../../api.js";
import { useCheckedForm } from "../../checked-form.js";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import type { DataColumn } from "../../data-table/columns.js";
import { FormField, type ControlProps } from "../../form-field.js";
import { useApi } from "../../server-state.js";
import { useUrlState } from "../../url-state.js";
import { ErrorMessage, Field, ListStates, Notice } from "../../ui.js";
import { RoleScopeFields, UnitSelect } from "./admin-fields.js";
import { AGENCIES_PATH, AdminFrame, USERS_PATH, scopeOf, useAdminChange, type AdminMembership, type AdminUser, type Agency } from "./admin-shared.js";
import { EMPTY_GRANT, GRANT_ROLE_CLEARS, grantRoleBody, grantRoleProblems, grantRoleServerProblems, type GrantRoleField } from "./grant-role-form.js";

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

/** Grant a role: nothing is chosen for the admin; each field still to choose is named under it before anything is sent. */
function GrantRole({ users, onGranted }: { users: AdminUser[]; onGranted: (text: string) => void }) {
  const { t } = useApp();
  const queryClient = useQueryClient();
  const { form, set, problem, error, busy, submit } = useCheckedForm({
    blank: EMPTY_GRANT,
    fields: grantRoleServerProblems,
    check: grantRoleProblems,
    clears: GRANT_ROLE_CLEARS,
    resetAfterSend: true,
    send: async (grant) => {
      await post(`${USERS_PATH}/${grant.userId}/memberships`, grantRoleBody(grant));
      await queryClient.invalidateQueries({ queryKey: ["v1", "admin"] });
      const user = users.find((u) => u.id === grant.userId);
      const scope = scopeOf({ unitCode: grant.unitCode || null, programme: grant.programme.trim() || null, country: grant.country.trim().toUpperCase() || null });
      onGranted(t("admin.roles.granted", { role: `${grant.role} ${scope}`, user: user?.username ?? "" }));
    },
  });
  const field = (key: GrantRoleField, label: string, control: (c: ControlProps) => ReactNode, hint?: string) => (
    <FormField id={`grant-role-${key}`} label={label} error={problem(key)} hint={hint}>
      {control}
    </FormField>
  );
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="grant-role-title">
      <h2 id="grant-role-title">{t("admin.roles.grant")}</h2>
      <div className="filters">
        {field("userId", t("admin.col.user"), (c) => (
          <select {...c} name="userId" value={form.userId} onChange={set("userId")}>
            <option value="">{t("admin.choose")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        ))}
        <RoleScopeFields form={form} set={set} field={field} otherUnitHint={form.role === "manager" ? t("admin.roles.managerHint") : undefined} />
        {field("country", t("admin.col.country"), (c) => <input {...c} name="country" maxLength={2} value={form.country} onChange={set("country")} />)}
        <button type="submit" disabled={busy}>
          {t("admin.roles.grantSubmit")}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}
