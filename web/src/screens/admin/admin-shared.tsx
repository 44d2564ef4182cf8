// What the admin screens share: the admin-only frame with its sub-navigation
// (and the queue board, opened with this browser session), the API types they
// read, and one way to run a change: send it, refresh every admin document,
// and say what happened.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useLocation } from "react-router";
import { api, asError, post } from "../../api.js";
import { useApp } from "../../context.js";
import { ErrorMessage, Link } from "../../ui.js";

export type AdminRole = "officer" | "analyst" | "manager" | "admin";
export const ADMIN_ROLES: readonly AdminRole[] = ["officer", "analyst", "manager", "admin"];

export interface AdminMembership {
  id: string;
  role: AdminRole;
  unitCode: string | null;
  programme: string | null;
  country: string | null;
}
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  agency: string;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
  memberships: AdminMembership[];
}
export interface Agency {
  code: string;
  name: string;
  kind: string;
  country: string;
  unitCodes: string[];
}

export const USERS_PATH = "/v1/admin/users";
export const AGENCIES_PATH = "/v1/admin/agencies";

/** The where of a role: its unit, or a manager's programme and country. */
export function scopeOf(m: Pick<AdminMembership, "unitCode" | "programme" | "country">): string {
  return m.unitCode ?? ([m.programme, m.country].filter(Boolean).join(" · ") || "—");
}

/** A date's sort value: its instant (ISO strings of different precision still order right); none sorts last. */
export const timeOf = (iso: string | null): number | null => (iso ? Date.parse(iso) : null);

export const isAdminUser = (memberships: readonly { role: string }[]) => memberships.some((m) => m.role === "admin");

/** Runs a change against the admin API, then reloads what the admin screens show. */
export function useAdminChange() {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async <T,>(method: "POST" | "DELETE", path: string, body?: unknown): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const result = method === "POST" ? await post<T>(path, body) : await api<T>(method, path);
      await queryClient.invalidateQueries({ queryKey: ["v1", "admin"] });
      return result;
    } catch (e) {
      setError(asError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, clearError: () => setError(null) };
}

/** The queue board is its own page: it gets a cookie for this session first, then opens in this tab. */
function QueueBoardButton() {
  const { t } = useApp();
  const [error, setError] = useState<Error | null>(null);
  const open = async () => {
    setError(null);
    try {
      await post("/v1/admin/queue-board/session");
      window.location.assign("/admin/queues");
    } catch (e) {
      setError(asError(e));
    }
  };
  return (
    <>
      <button type="button" onClick={() => void open()}>
        {t("admin.nav.queues")}
      </button>
      {error && <ErrorMessage error={error} />}
    </>
  );
}

const SECTIONS = [
  { to: "/admin", key: "admin.nav.overview" },
  { to: "/admin/users", key: "admin.nav.users" },
  { to: "/admin/roles", key: "admin.nav.roles" },
  { to: "/admin/tokens", key: "admin.nav.tokens" },
  { to: "/admin/audit", key: "admin.nav.audit" },
] as const;

/** An admin screen: refused to anyone without the admin role; the admin sections as sub-navigation. */
export function AdminFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, me } = useApp();
  const { pathname } = useLocation();
  if (!isAdminUser(me.memberships)) return <ErrorMessage error={new Error(t("admin.onlyAdmins"))} />;
  return (
    <section className="admin">
      <nav aria-label={t("admin.nav.label")} className="admin-nav">
        <ul className="actions">
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <Link to={s.to} aria-current={pathname === s.to ? "page" : undefined} className={pathname === s.to ? "current" : ""}>
                {t(s.key)}
              </Link>
            </li>
          ))}
          <li>
            <QueueBoardButton />
          </li>
        </ul>
      </nav>
      <h1>{title}</h1>
      {children}
    </section>
  );
}
