// The referral state machine and its due dates. Pure: no I/O.
export const REFERRAL_STATUSES = [
  "drafted", "sent", "acknowledged", "investigation_opened", "controlled_delivery", "prosecution", "closed", "declined",
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const RECIPIENT_KINDS = [
  "national_investigators", "prosecutor", "interpol_ncb", "financial_intelligence_unit", "programme_unit", "joint_investigation_team",
] as const;

/** INTERPOL notice colours a referral to the NCB may ask for (purple: modus operandi). */
export const NOTICE_TYPES = ["red", "yellow", "blue", "black", "green", "orange", "purple", "silver"] as const;

export const CLOSE_OUTCOMES = ["conviction", "acquittal", "no_further_action", "merged_with_other_case", "other"] as const;

/** Where each state may go next. closed and declined are final. */
export const TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  drafted: ["sent"],
  sent: ["acknowledged", "declined"],
  acknowledged: ["investigation_opened", "closed", "declined"],
  investigation_opened: ["controlled_delivery", "prosecution", "closed"],
  controlled_delivery: ["prosecution", "closed"],
  prosecution: ["closed"],
  closed: [],
  declined: [],
};

/** States in which investigators owe a status update every `updateDays`. */
const UPDATE_STATES: ReadonlySet<ReferralStatus> = new Set(["acknowledged", "investigation_opened", "controlled_delivery", "prosecution"]);

export interface ReferralDeadlines {
  /** Hours after the seizure by which the referral must be sent. */
  sendHours: number;
  /** Days after sending by which the recipient must acknowledge. */
  acknowledgeDays: number;
  /** Days between status updates while an investigation runs. */
  updateDays: number;
}

export const DEFAULT_DEADLINES: ReferralDeadlines = { sendHours: 48, acknowledgeDays: 7, updateDays: 30 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When the current step of a referral in `status` is due; null when nothing more is owed. */
export function dueAtFor(
  status: ReferralStatus,
  dates: { seizedAt: Date; sentAt: Date | null; lastUpdateAt: Date },
  deadlines: ReferralDeadlines,
): Date | null {
  if (status === "drafted") return new Date(dates.seizedAt.getTime() + deadlines.sendHours * HOUR);
  if (status === "sent") return new Date((dates.sentAt ?? dates.lastUpdateAt).getTime() + deadlines.acknowledgeDays * DAY);
  if (UPDATE_STATES.has(status)) return new Date(dates.lastUpdateAt.getTime() + deadlines.updateDays * DAY);
  return null;
}

export const isUpdateState = (status: ReferralStatus) => UPDATE_STATES.has(status);
