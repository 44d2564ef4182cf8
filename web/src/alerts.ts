// Alerts without a browser: the send form's fields → the API request, a
// subject back to one line of text, the unread badge's count, which
// notifications an opened alert answers, and where a notification leads.
export const SUBJECT_KINDS = ["container", "bill_of_lading", "party", "route", "seizure_report"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** How often the unread badge asks again (it also asks after a read, a navigation and when the tab comes back). */
export const UNREAD_POLL_MS = 30_000;
/** The badge counts up to this many unread notifications, then shows "99+". */
export const UNREAD_LIMIT = 100;
/** Sent on window when notifications were read here, so the badge counts again at once. */
export const UNREAD_CHANGED = "portcullis:unread-changed";

export function isSubjectKind(value: string | null | undefined): value is SubjectKind {
  return (SUBJECT_KINDS as readonly string[]).includes(value ?? "");
}

/** The alert subject as one line ("MSCU1000001", "ECGYE → BEANR", "ACME SA (EC)"); a seizure report has none. */
export function subjectText(subject: Record<string, string | undefined>): string {
  switch (subject.kind) {
    case "container":
      return subject.containerNumber ?? "";
    case "bill_of_lading":
      return subject.billOfLading ?? "";
    case "party":
      return subject.country ? `${subject.name ?? ""} (${subject.country})` : (subject.name ?? "");
    case "route":
      return `${subject.portOfLoading ?? ""} → ${subject.portOfDischarge ?? ""}`;
    default:
      return "";
  }
}

/** The form's fields → the subject of POST /alerts. */
export function subjectOf(kind: SubjectKind, fields: { value: string; country: string; to: string }): Record<string, string> {
  const value = fields.value.trim();
  if (kind === "container") return { kind, containerNumber: value.replace(/\s+/g, "").toUpperCase() };
  if (kind === "bill_of_lading") return { kind, billOfLading: value.toUpperCase() };
  if (kind === "party") return fields.country.trim() ? { kind, name: value, country: fields.country.trim().toUpperCase() } : { kind, name: value };
  if (kind === "seizure_report") return { kind };
  return { kind, portOfLoading: value.replace(/\s+/g, "").toUpperCase(), portOfDischarge: fields.to.replace(/\s+/g, "").toUpperCase() };
}

/** "ECGYE-1, ecgye-2 ;X" → ["ECGYE-1", "ECGYE-2", "X"]. */
export function unitCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
}

export interface AlertForm {
  kind: SubjectKind;
  fields: { value: string; country: string; to: string };
  message: string;
  recipients: string;
  /** A seizure of the unit to share: required for a seizure report, optional with any other kind. */
  seizureId: string;
  /** <input type="datetime-local"> value in the user's time zone, or "". */
  expiresAt: string;
}

/** The body of POST /v1/units/{unit}/alerts; optional fields left empty are not sent. */
export function alertRequest(form: AlertForm): Record<string, unknown> {
  const body: Record<string, unknown> = { subject: subjectOf(form.kind, form.fields), message: form.message.trim(), recipients: unitCodes(form.recipients) };
  if (form.seizureId) body.seizureId = form.seizureId;
  if (form.expiresAt) {
    const at = new Date(form.expiresAt);
    if (!Number.isNaN(at.getTime())) body.expiresAt = at.toISOString();
  }
  return body;
}

/** Only seizures shared at unit level may go to other units (the API refuses agency-only ones). */
export function shareableSeizures<T extends { sharing: string }>(seizures: readonly T[]): T[] {
  return seizures.filter((s) => s.sharing === "unit");
}

/** What the badge shows for this many unread notifications ("" for none). */
export function unreadText(count: number, limit = UNREAD_LIMIT): string {
  if (count <= 0) return "";
  return count >= limit ? `${limit - 1}+` : String(count);
}

interface NotificationLike {
  id: string;
  entityType: string;
  entityId: string;
  readAt: string | null;
}

/** The unread notifications an opened alert answers (received, replied, acknowledged, matched). */
export function notificationsAbout<T extends NotificationLike>(items: readonly T[], alertId: string): T[] {
  return items.filter((n) => n.readAt === null && n.entityType === "alert" && n.entityId === alertId);
}

/** Where a notification leads: the alert or the referral it is about. */
export function notificationTarget(unitCode: string, notification: Pick<NotificationLike, "entityType" | "entityId">): string | null {
  const unit = encodeURIComponent(unitCode);
  if (notification.entityType === "alert") return `/units/${unit}/alerts/${encodeURIComponent(notification.entityId)}`;
  if (notification.entityType === "referral") return `/units/${unit}/referrals/${encodeURIComponent(notification.entityId)}`;
  return null;
}

/** The send form pre-filled from a link (?kind=seizure_report&seizure=ID), e.g. from a container's seizure. */
export function prefillFrom(search: string): { kind: SubjectKind | null; seizureId: string } {
  const params = new URLSearchParams(search);
  const kind = params.get("kind");
  return { kind: isSubjectKind(kind) ? kind : null, seizureId: params.get("seizure")?.trim() ?? "" };
}

/** The link that opens the send form sharing one seizure. */
export function shareSeizureLink(unitCode: string, seizureId: string): string {
  return `/units/${encodeURIComponent(unitCode)}/alerts?${new URLSearchParams({ kind: "seizure_report", seizure: seizureId }).toString()}`;
}
