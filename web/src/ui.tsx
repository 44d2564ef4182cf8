// Small shared pieces: loading, error and empty states, links, form messages.
import type { ReactNode } from "react";
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
    <div className="error" role="alert">
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
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const { navigate } = useApp();
  return (
    <a
      href={to}
      className={className}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function BandBadge({ band }: { band: string | null | undefined }) {
  const { t } = useApp();
  return <span className={`band band-${band ?? "none"}`}>{t(`band.${band ?? "none"}`)}</span>;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}
