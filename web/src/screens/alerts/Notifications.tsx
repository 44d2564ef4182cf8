// The unit's notifications, each leading to what it is about; marking one or
// all of them read.
import { useEffect, useRef, useState } from "react";
import { notificationText } from "../../notification-text.js";
import { asError } from "../../api.js";
import { notificationTarget } from "../../alerts.js";
import { useApp } from "../../context.js";
import { useApi, useInvalidate } from "../../server-state.js";
import { Empty, Link, ListStates } from "../../ui.js";
import { markRead, type Notification } from "./alert-data.js";
import { ActionMessages, type ActionState } from "./alert-parts.js";

export function Notifications() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const list = useApi<{ items: Notification[] }>(`/v1/units/${code}/notifications?limit=50`);
  const invalidate = useInvalidate();
  const [state, setState] = useState<ActionState>({ busy: false });
  const heading = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);
  const read = (ids: string[]) => {
    setState({ busy: true });
    void markRead(code, ids)
      .then(
        () => {
          refocus.current = true;
          setState({ busy: false, notice: ids.length === 1 ? t("alerts.markedRead") : t("alerts.allMarkedRead", { n: ids.length }) });
        },
        (e: unknown) => setState({ busy: false, error: asError(e), retry: () => read(ids) }),
      )
      .finally(() => void invalidate(`/v1/units/${code}/notifications`));
  };
  // The button pressed goes with the unread state: keyboard users then continue from the list's heading, not from the top of the page.
  useEffect(() => {
    if (!refocus.current || list.isFetching) return;
    refocus.current = false;
    if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
  }, [list.isFetching, list.data]);
  const unread = list.data?.items.filter((n) => !n.readAt) ?? [];
  return (
    <section className="card" aria-labelledby="notif-h">
      <h2 id="notif-h" ref={heading} tabIndex={-1}>
        {t("alerts.notifications")}
      </h2>
      <ListStates list={list} />
      <ActionMessages state={state} />
      {list.data && list.data.items.length === 0 && <Empty>{t("alerts.noNotifications")}</Empty>}
      {unread.length > 1 && (
        <div className="actions">
          <button type="button" disabled={state.busy} onClick={() => read(unread.map((n) => n.id))}>
            {t("alerts.markAllRead")}
          </button>
        </div>
      )}
      {list.data && list.data.items.length > 0 && (
        <ul className="plain" data-testid="notifications">
          {list.data.items.map((n) => {
            const target = notificationTarget(code, n);
            return (
              <li key={n.id} className={n.readAt ? "read" : "unread"} data-testid="notification">
                <span className="when">{fmt.dateTime(n.createdAt)}</span> {target ? <Link to={target}>{notificationText(t, fmt, n)}</Link> : notificationText(t, fmt, n)}{" "}
                {n.readAt ? (
                  <span className="tag">{t("alerts.read")}</span>
                ) : (
                  <button type="button" className="inline" disabled={state.busy} onClick={() => read([n.id])}>
                    {t("alerts.markRead")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
