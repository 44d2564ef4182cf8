// The unread badge of the Alerts navigation link, and the count behind it.
import { useCallback, useEffect, useState } from "react";
import { get } from "../../api.js";
import { UNREAD_CHANGED, UNREAD_LIMIT, UNREAD_POLL_MS, unreadText } from "../../alerts.js";
import { useApp } from "../../context.js";

/** The unit's unread notifications, counted again periodically, after a read, on navigation and when the tab comes back. */
export function useUnreadCount(unitCode: string, path: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  const refresh = useCallback(() => {
    get<{ items: unknown[] }>(`/v1/units/${unitCode}/notifications?unread=true&limit=${UNREAD_LIMIT}`).then(
      (r) => setCount(r.items.length),
      // A failed count keeps the last one; the next poll tries again.
      () => undefined,
    );
  }, [unitCode]);
  useEffect(() => {
    refresh();
  }, [refresh, path]);
  useEffect(() => {
    const timer = window.setInterval(refresh, UNREAD_POLL_MS);
    const onVisible = () => document.visibilityState === "visible" && refresh();
    window.addEventListener(UNREAD_CHANGED, refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(UNREAD_CHANGED, refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);
  return count;
}

/**
 * The Alerts navigation link's content: "Alerts" and a count badge, named
 * "Alerts, 3 unread" as a whole for assistive technologies.
 */
export function UnreadBadge({ unitCode, path, label }: { unitCode: string; path: string; label: string }) {
  const { t, fmt } = useApp();
  const count = useUnreadCount(unitCode, path);
  if (!count) return <>{label}</>;
  const text = unreadText(count) === String(count) ? fmt.number(count, 0) : `${fmt.number(UNREAD_LIMIT - 1, 0)}+`;
  return (
    <>
      <span aria-hidden="true">
        {label}
        <span className="badge" data-testid="unread-badge">
          {text}
        </span>
      </span>
      <span className="visually-hidden">{t("nav.unread", { label, n: text })}</span>
    </>
  );
}
