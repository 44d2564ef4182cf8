// A notification in the reader's language. The server stores what happened as
// a kind plus its values (migration 0016) and keeps an English `message` for
// API clients; here the kind picks the message and coded values (commodity,
// alert subject, referral state) are translated before they are put in.
import type { Formatters } from "./format.js";
import type { MessageKey, Translate } from "./i18n.js";
import { ALERT_KIND, COMMODITY, REFERRAL_STATUS, term } from "./terms.js";

export interface NotificationView {
  kind: string;
  message: string;
  params?: Record<string, string> | null;
}

const NOTICE: Record<string, MessageKey> = {
  referral_received: "notice.referral_received",
  referral_overdue: "notice.referral_overdue",
  alert_received: "notice.alert_received",
  alert_acknowledged: "notice.alert_acknowledged",
  alert_reply: "notice.alert_reply",
};

/** Written before 0016 (no params) or of a kind this client does not know: the server's English text. */
export function notificationText(t: Translate, fmt: Pick<Formatters, "dateTime">, n: NotificationView): string {
  const key = Object.hasOwn(NOTICE, n.kind) ? NOTICE[n.kind] : undefined;
  const p = n.params ?? {};
  if (!key || Object.keys(p).length === 0) return n.message;
  return t(key, {
    unit: p.unit ?? "",
    text: p.text ?? "",
    recipient: p.recipient ?? "",
    commodity: term(t, COMMODITY, p.commodity).toLowerCase(),
    subject: term(t, ALERT_KIND, p.subject).toLowerCase(),
    status: term(t, REFERRAL_STATUS, p.status).toLowerCase(),
    dueAt: fmt.dateTime(p.dueAt),
  });
}
