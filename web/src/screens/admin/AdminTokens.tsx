// API tokens: every user's, filtered by state and user from the URL; a new
// token's secret is shown once, here; revoke one, after a dialog that says
// scripts using it will be refused.
import { useState } from "react";
import { ConfirmDialog } from "../../confirm-dialog.js";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import type { DataColumn } from "../../data-table/columns.js";
import { useApi } from "../../server-state.js";
import { useUrlState } from "../../url-state.js";
import { ErrorMessage, Field, ListStates, Notice } from "../../ui.js";
import { AdminFormCard, UserSelect } from "./admin-fields.js";
import { AdminFrame, USERS_PATH, timeOf, useAdminChange, type AdminUser } from "./admin-shared.js";

type TokenState = "active" | "revoked" | "expired";
interface TokenItem {
  id: string;
  name: string;
  userId: string;
  username: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  state: TokenState;
}
interface TokenFilters {
  state: "" | TokenState;
  user: string;
}
const STATES: readonly TokenState[] = ["active", "revoked", "expired"];
const STATE_KEY = { active: "admin.tokens.active", revoked: "admin.tokens.revoked", expired: "admin.tokens.expired" } as const;

const parseFilters = (p: URLSearchParams): TokenFilters => {
  const state = p.get("state");
  return { state: STATES.includes(state as TokenState) ? (state as TokenState) : "", user: p.get("user") ?? "" };
};
const writeFilters = (f: TokenFilters) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]);

function tokensPath(f: TokenFilters): string {
  const params = new URLSearchParams();
  if (f.state) params.set("state", f.state);
  if (f.user) params.set("username", f.user);
  const query = params.toString();
  return `/v1/admin/tokens${query ? `?${query}` : ""}`;
}

export function AdminTokens() {
  const { t, fmt } = useApp();
  const [filters, setFilters] = useUrlState(parseFilters, writeFilters);
  const tokens = useApi<{ items: TokenItem[] }>(tokensPath(filters));
  const users = useApi<{ items: AdminUser[] }>(USERS_PATH);
  const change = useAdminChange();
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; user: string; token: string } | null>(null);
  const [asking, setAsking] = useState<TokenItem | null>(null);
  const revoke = async (token: TokenItem) => {
    setNotice(null);
    setSecret(null);
    if (await change.run("POST", `/v1/admin/tokens/${token.id}/revoke`)) setNotice(t("admin.tokens.revokedNotice", { name: token.name, user: token.username }));
    setAsking(null);
  };
  // Dates sort newest first at the first press; a token never used sorts last either way.
  const columns: DataColumn<TokenItem>[] = [
    { id: "name", header: t("admin.col.name"), rowHeader: true, cell: (token) => token.name, sortValue: (token) => token.name },
    { id: "user", header: t("admin.col.user"), cell: (token) => token.username, sortValue: (token) => token.username },
    { id: "created", header: t("admin.col.created"), cell: (token) => fmt.dateTime(token.createdAt), sortValue: (token) => timeOf(token.createdAt), descFirst: true },
    { id: "expires", header: t("admin.col.expires"), cell: (token) => fmt.dateTime(token.expiresAt), sortValue: (token) => timeOf(token.expiresAt) },
    { id: "lastUsed", header: t("admin.col.lastUsed"), cell: (token) => fmt.dateTime(token.lastUsedAt), sortValue: (token) => timeOf(token.lastUsedAt), descFirst: true },
    { id: "state", header: t("admin.col.state"), cell: (token) => t(STATE_KEY[token.state]), sortValue: (token) => t(STATE_KEY[token.state]) },
    {
      id: "actions",
      header: t("admin.col.actions"),
      cell: (token) =>
        token.state === "active" && (
          <button type="button" disabled={change.busy} onClick={() => setAsking(token)}>
            {t("admin.tokens.revoke", { name: token.name, user: token.username })}
          </button>
        ),
    },
  ];
  return (
    <AdminFrame title={t("admin.tokens.title")}>
      <CreateToken
        users={(users.data?.items ?? []).filter((u) => !u.disabled)}
        onCreated={(created) => {
          setNotice(null);
          setSecret(created);
        }}
      />
      {secret && (
        <Notice>
          {t("admin.tokens.secret", { name: secret.name, user: secret.user })} <code data-testid="new-token">{secret.token}</code>
        </Notice>
      )}
      {notice && <Notice>{notice}</Notice>}
      {change.error && <ErrorMessage error={change.error} />}
      {asking && (
        <ConfirmDialog
          danger
          busy={change.busy}
          testId="token-confirm"
          title={t("admin.tokens.revokeTitle", { name: asking.name, user: asking.username })}
          confirmLabel={t("admin.tokens.revokeConfirm")}
          cancelLabel={t("admin.cancel")}
          onConfirm={() => void revoke(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>{t("admin.tokens.revokeExplain")}</p>
        </ConfirmDialog>
      )}
      <div className="filters" role="group" aria-label={t("admin.filters")}>
        <Field label={t("admin.col.state")}>
          <select value={filters.state} onChange={(e) => setFilters((f) => ({ ...f, state: e.target.value as TokenFilters["state"] }))}>
            <option value="">{t("admin.all")}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(STATE_KEY[s])}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("admin.col.user")}>
          <input type="search" value={filters.user} onChange={(e) => setFilters((f) => ({ ...f, user: e.target.value.trim() }))} />
        </Field>
      </div>
      <ListStates list={tokens} empty={t("admin.tokens.none")} />
      {tokens.data && tokens.data.items.length > 0 && (
        <DataTable
          rows={tokens.data.items}
          columns={columns}
          rowKey={(token) => token.id}
          sortLabel={(column) => t("table.sortBy", { column })}
          caption={t("admin.tokens.count", { count: tokens.data.items.length })}
          initialSorting={[{ id: "created", desc: true }]}
          testId="admin-tokens"
        />
      )}
    </AdminFrame>
  );
}

function CreateToken({ users, onCreated }: { users: AdminUser[]; onCreated: (created: { name: string; user: string; token: string }) => void }) {
  const { t } = useApp();
  const change = useAdminChange();
  const [form, setForm] = useState({ userId: "", name: "", expiresInDays: "90" });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = async () => {
    const created = await change.run<{ token: string; name: string }>("POST", `${USERS_PATH}/${form.userId}/tokens`, {
      name: form.name,
      expiresInDays: Number(form.expiresInDays),
    });
    if (created) {
      onCreated({ name: created.name, user: users.find((u) => u.id === form.userId)?.username ?? "", token: created.token });
      setForm((f) => ({ ...f, name: "" }));
    }
  };
  return (
    <AdminFormCard id="new-token-title" title={t("admin.tokens.new")} submit={t("admin.tokens.create")} busy={change.busy} error={change.error} onSubmit={submit}>
      <UserSelect users={users} value={form.userId} onChange={set("userId")} />
      <Field label={t("admin.col.name")}>
        <input name="name" required maxLength={100} value={form.name} onChange={set("name")} />
      </Field>
      <Field label={t("admin.tokens.days")}>
        <input name="expiresInDays" type="number" min={1} max={730} required value={form.expiresInDays} onChange={set("expiresInDays")} />
      </Field>
    </AdminFormCard>
  );
}
