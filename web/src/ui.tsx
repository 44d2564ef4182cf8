// Small shared pieces: loading, error and empty states, form messages.
// Error and notice messages are live regions that enter the page empty and
// then fill in (a11y.tsx), so screen readers announce them.
import type { UseQueryResult } from "@tanstack/react-query";
import { BAND, term } from "./terms.js";
import type { ReactNode } from "react";
import { LiveRegion } from "./a11y.js";
import { ApiError } from "./api.js";
import { useApp } from "./context.js";

export function Loading() {
  const { t } = useApp();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t("app.loading")}
    </p>
  );
}

export function ErrorMessage({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useApp();
  const details = error instanceof ApiError ? error.errors : [];
  return (
    <LiveRegion role="alert" className="error">
      <p>{t("app.error", { message: error.message })}</p>
      {details.length > 0 && (
        <ul>
          {details.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {retry && (
        <button type="button" onClick={retry}>
          {t("app.retry")}
        </button>
      )}
    </LiveRegion>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A list read through the query cache (server-state.ts): loading, its error (with a retry) and, with `empty`, what says it loaded with no item. */
export function ListStates({ list, empty }: { list: Pick<UseQueryResult<{ items: readonly unknown[] }>, "data" | "error" | "isPending" | "refetch">; empty?: string }) {
  return (
    <>
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={() => void list.refetch()} />}
      {empty !== undefined && list.data && list.data.items.length === 0 && <Empty>{empty}</Empty>}
    </>
  );
}

/** A polite status message; announced even when it is rendered together with its text ({done && <Notice>…</Notice>}). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <LiveRegion role="status" as="p" className="notice">
      {children}
    </LiveRegion>
  );
}

/** Links between screens are React Router's (client-side navigation, the URL's search params included). */
export { Link } from "react-router";

export function BandBadge({ band }: { band: string | null | undefined }) {
  const { t } = useApp();
  return <span className={`band band-${band ?? "none"}`}>{term(t, BAND, band ?? "none")}</span>;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}
