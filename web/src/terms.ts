// The words for the domain's coded values (referral states, commodities,
// concealment, detection…). Each vocabulary is a map typed by the server's own
// list of values, so a value without a text, or a text key that does not exist,
// fails the type check instead of showing a raw key on screen.
import type { ReferralStatus } from "../../core/referrals/referral-states.js";
import type { CLOSE_OUTCOMES, RECIPIENT_KINDS } from "../../core/referrals/referral-states.js";
import type { CONCEALMENTS, DETECTION_METHODS, QUANTITY_UNITS } from "../../core/seizures/seizure-schemas.js";
import type { Band } from "../../profiling/dsl/compile.js";
import type { COMMODITIES } from "../../profiling/dsl/profile-types.js";
import type { PartyRole } from "../../profiling/shipment.js";
import type { Formatters } from "./format.js";
import type { MessageKey, Translate } from "./i18n.js";

type Commodity = (typeof COMMODITIES)[number];
type RecipientKind = (typeof RECIPIENT_KINDS)[number];
type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];
type Concealment = (typeof CONCEALMENTS)[number];
type DetectionMethod = (typeof DETECTION_METHODS)[number];
type QuantityUnit = (typeof QUANTITY_UNITS)[number];
/** prisma enums InspectionOutcome, ProfileStatus, AlertSubject; job states of core/jobs. */
type InspectionOutcome = "nothing_found" | "seizure" | "irregularity";
type ProfileStatus = "draft" | "active" | "retired";
type AlertKind = "container" | "bill_of_lading" | "party" | "route" | "seizure_report";
type JobStatus = "pending" | "queued" | "running" | "succeeded" | "failed";

export type Vocabulary<V extends string> = Readonly<Record<V, MessageKey>>;

export const REFERRAL_STATUS: Vocabulary<ReferralStatus> = {
  drafted: "status.drafted",
  sent: "status.sent",
  acknowledged: "status.acknowledged",
  investigation_opened: "status.investigation_opened",
  controlled_delivery: "status.controlled_delivery",
  prosecution: "status.prosecution",
  closed: "status.closed",
  declined: "status.declined",
};

export const RECIPIENT_KIND: Vocabulary<RecipientKind> = {
  national_investigators: "recipient.national_investigators",
  prosecutor: "recipient.prosecutor",
  interpol_ncb: "recipient.interpol_ncb",
  financial_intelligence_unit: "recipient.financial_intelligence_unit",
  programme_unit: "recipient.programme_unit",
  joint_investigation_team: "recipient.joint_investigation_team",
};

export const CLOSE_OUTCOME: Vocabulary<CloseOutcome> = {
  conviction: "close.conviction",
  acquittal: "close.acquittal",
  no_further_action: "close.no_further_action",
  merged_with_other_case: "close.merged_with_other_case",
  other: "close.other",
};

export const COMMODITY: Vocabulary<Commodity> = {
  cocaine: "commodity.cocaine",
  heroin: "commodity.heroin",
  cannabis: "commodity.cannabis",
  opium: "commodity.opium",
  psychotropics: "commodity.psychotropics",
  nps: "commodity.nps",
  precursors: "commodity.precursors",
  strategic_goods: "commodity.strategic_goods",
  cigarettes: "commodity.cigarettes",
  counterfeit: "commodity.counterfeit",
  wildlife_environment: "commodity.wildlife_environment",
  alcohol: "commodity.alcohol",
  vehicles: "commodity.vehicles",
  other: "commodity.other",
};

export const CONCEALMENT: Vocabulary<Concealment> = {
  in_cargo: "concealment.in_cargo",
  in_structure: "concealment.in_structure",
  in_reefer_unit: "concealment.in_reefer_unit",
  rip_on_rip_off: "concealment.rip_on_rip_off",
  other: "concealment.other",
};

export const DETECTION: Vocabulary<DetectionMethod> = {
  profile: "detection.profile",
  random: "detection.random",
  intelligence: "detection.intelligence",
  tip_off: "detection.tip_off",
  canine: "detection.canine",
  scanner: "detection.scanner",
  other: "detection.other",
};

/** A seizure's unit of quantity on its own (the form's choices). */
export const QUANTITY_UNIT: Vocabulary<QuantityUnit> = {
  kg: "qty.name.kg",
  g: "qty.name.g",
  t: "qty.name.t",
  l: "qty.name.l",
  ml: "qty.name.ml",
  units: "qty.name.units",
  pieces: "qty.name.pieces",
  packs: "qty.name.packs",
  sticks: "qty.name.sticks",
};

/** A quantity with its unit ({quantity} formatted, {count} for the plural). */
const QUANTITY_AMOUNT: Vocabulary<QuantityUnit> = {
  kg: "qty.amount.kg",
  g: "qty.amount.g",
  t: "qty.amount.t",
  l: "qty.amount.l",
  ml: "qty.amount.ml",
  units: "qty.amount.units",
  pieces: "qty.amount.pieces",
  packs: "qty.amount.packs",
  sticks: "qty.amount.sticks",
};

/**
 * A seized quantity in the reader's language ("101.564 unidades", "12,5 kg").
 * The plural follows the amount; a unit the client does not know shows as sent.
 */
export function quantityText(t: Translate, fmt: Formatters, amount: number, unit: string, digits?: number): string {
  const quantity = fmt.number(amount, digits);
  return Object.hasOwn(QUANTITY_AMOUNT, unit) ? t(QUANTITY_AMOUNT[unit as QuantityUnit], { quantity, count: amount }) : `${quantity} ${unit}`;
}

export const INSPECTION_OUTCOME: Vocabulary<InspectionOutcome> = {
  nothing_found: "outcome.nothing_found",
  seizure: "outcome.seizure",
  irregularity: "outcome.irregularity",
};

export const PARTY_ROLE: Vocabulary<PartyRole> = {
  shipper: "party.shipper",
  consignee: "party.consignee",
  notify: "party.notify",
  forwarder: "party.forwarder",
  declarant: "party.declarant",
};

export const PROFILE_STATUS: Vocabulary<ProfileStatus> = { draft: "state.draft", active: "state.active", retired: "state.retired" };

export const BAND: Vocabulary<Band | "none"> = { high: "band.high", medium: "band.medium", low: "band.low", none: "band.none" };

export const ALERT_KIND: Vocabulary<AlertKind> = {
  container: "alerts.kind.container",
  bill_of_lading: "alerts.kind.bill_of_lading",
  party: "alerts.kind.party",
  route: "alerts.kind.route",
  seizure_report: "alerts.kind.seizure_report",
};

export const JOB_STATUS: Vocabulary<JobStatus> = {
  pending: "job.pending",
  queued: "job.queued",
  running: "job.running",
  succeeded: "job.succeeded",
  failed: "job.failed",
};

/** Dashboard breakdowns (api/routes summaries: group_by). */
export const GROUP: Vocabulary<"commodity" | "unit" | "country" | "detection_method" | "concealment" | "month" | "quarter" | "year"> = {
  commodity: "group.commodity",
  unit: "group.unit",
  country: "group.country",
  detection_method: "group.detection_method",
  concealment: "group.concealment",
  month: "group.month",
  quarter: "group.quarter",
  year: "group.year",
};

/** Follow-up gaps of a seizure in the pilot list. */
export const FOLLOW_UP_GAP: Vocabulary<"not_referred" | "referred_late" | "not_acknowledged" | "no_investigation" | "overdue_referrals"> = {
  not_referred: "pilot.followUp.not_referred",
  referred_late: "pilot.followUp.referred_late",
  not_acknowledged: "pilot.followUp.not_acknowledged",
  no_investigation: "pilot.followUp.no_investigation",
  overdue_referrals: "pilot.followUp.overdue_referrals",
};

/**
 * The text of a coded value in the reader's language. A value the client does
 * not know yet (a newer server) shows as sent rather than as a message key.
 */
export function term<V extends string>(t: Translate, vocabulary: Vocabulary<V>, value: string | null | undefined): string {
  if (value === null || value === undefined) return t("app.none");
  return Object.hasOwn(vocabulary, value) ? t(vocabulary[value as V]) : value;
}

/**
 * A referral's state change as its timeline reads it: "Sent → Acknowledged",
 * and the creation (no earlier state) as the state it started in, "Drafted",
 * never with a placeholder and an arrow before it.
 */
export function referralEventText(t: Translate, from: string | null | undefined, to: string): string {
  const reached = term(t, REFERRAL_STATUS, to);
  return from ? t("referral.event", { from: term(t, REFERRAL_STATUS, from), to: reached }) : reached;
}
