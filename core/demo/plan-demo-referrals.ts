// The follow-up of the demo seizures: who each was referred to and how far
// each referral got by the load day, as dated steps of the referral state
// machine (referral-states.ts checks every step). Most are sent within the
// 48 h deadline; old ones are mostly closed with an outcome; a few are left
// drafted, unacknowledged or without updates long enough to be overdue. Pure.
import type { SeededRandom } from "../../fixtures/seeded-random.js";
import { DEFAULT_DEADLINES, dueAtFor, TRANSITIONS, type ReferralStatus } from "../referrals/referral-states.js";
import { seededUuid, type PlannedSeizure } from "./plan-demo-year.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface PlannedEvent {
  from: ReferralStatus | null;
  to: ReferralStatus;
  at: Date;
  note: string | null;
}

export interface PlannedReferral {
  id: string;
  seizureId: string;
  recipientKind: "national_investigators" | "prosecutor" | "interpol_ncb" | "financial_intelligence_unit" | "programme_unit" | "joint_investigation_team";
  recipientName: string;
  /** Code of the receiving unit for programme_unit referrals. */
  recipientUnitCode: string | null;
  noticeType: string | null;
  status: ReferralStatus;
  outcome: string | null;
  dueAt: Date | null;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  lastUpdateAt: Date;
  createdAt: Date;
  events: PlannedEvent[];
}

const INVESTIGATORS: Record<string, string> = {
  ECGYE: "Policía Nacional, Dirección Nacional Antinarcóticos (Guayaquil)",
  "ECUIO-AIR": "Policía Nacional, Dirección Nacional Antinarcóticos (Quito)",
  BEANR: "Federale Gerechtelijke Politie Antwerpen",
  NLRTM: "FIOD / Landelijke Recherche",
};
const PROSECUTORS: Record<string, string> = { ECGYE: "Fiscalía General del Estado", "ECUIO-AIR": "Fiscalía General del Estado", BEANR: "Parket Antwerpen", NLRTM: "Openbaar Ministerie, Functioneel Parket" };
const FIU: Record<string, string> = { ECGYE: "Unidad de Análisis Financiero y Económico (UAFE)", "ECUIO-AIR": "Unidad de Análisis Financiero y Económico (UAFE)", BEANR: "CTIF-CFI", NLRTM: "FIU-Nederland" };
const NCB: Record<string, string> = { ECGYE: "INTERPOL NCB Quito", "ECUIO-AIR": "INTERPOL NCB Quito", BEANR: "INTERPOL NCB Brussels", NLRTM: "INTERPOL NCB The Hague" };
/** The programme unit at the other end of the route. */
const PARTNER_UNIT: Record<string, string> = { ECGYE: "BEANR", BEANR: "ECGYE", NLRTM: "ECGYE", "ECUIO-AIR": "NLRTM" };

const UPDATES = [
  "Suspects identified from the booking and payment records",
  "Financial enquiries opened on the consignee",
  "Telephone analysis of the arrested persons under way",
  "Request for mutual legal assistance sent",
  "Links to an earlier case established",
];

/** The recipients a seizure goes to: investigators always; big drug seizures also abroad. */
function recipients(rng: SeededRandom, seizure: PlannedSeizure, unitCode: string): Pick<PlannedReferral, "recipientKind" | "recipientName" | "recipientUnitCode" | "noticeType">[] {
  const list: Pick<PlannedReferral, "recipientKind" | "recipientName" | "recipientUnitCode" | "noticeType">[] = [
    rng.chance(0.8)
      ? { recipientKind: "national_investigators", recipientName: INVESTIGATORS[unitCode] ?? "National investigators", recipientUnitCode: null, noticeType: null }
      : { recipientKind: "prosecutor", recipientName: PROSECUTORS[unitCode] ?? "Prosecutor", recipientUnitCode: null, noticeType: null },
  ];
  const bigDrugs = (seizure.commodity === "cocaine" || seizure.commodity === "heroin") && seizure.quantity >= (unitCode === "ECUIO-AIR" ? 5 : 50);
  if (bigDrugs && rng.chance(0.45)) list.push({ recipientKind: "programme_unit", recipientName: "", recipientUnitCode: PARTNER_UNIT[unitCode] ?? null, noticeType: null });
  if (bigDrugs && rng.chance(0.3)) list.push({ recipientKind: "interpol_ncb", recipientName: NCB[unitCode] ?? "INTERPOL NCB", recipientUnitCode: null, noticeType: rng.chance(0.5) ? "purple" : null });
  if (seizure.personsArrested > 0 && rng.chance(0.25)) list.push({ recipientKind: "financial_intelligence_unit", recipientName: FIU[unitCode] ?? "FIU", recipientUnitCode: null, noticeType: null });
  return list;
}

/** Dated steps from the seizure on; the walk stops at the first step after `now`. */
function walk(rng: SeededRandom, seizedAt: Date, now: Date): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  let at = new Date(seizedAt.getTime() + rng.int(1, 20) * HOUR);
  let status: ReferralStatus | null = null;
  const step = (to: ReferralStatus, after: number, note: string | null = null): boolean => {
    const when = new Date(at.getTime() + after);
    if (when > now) return false;
    if (status && !TRANSITIONS[status].includes(to) && to !== status) throw new Error(`demo referral: ${status} cannot become ${to}`);
    events.push({ from: status, to, at: when, note });
    at = when;
    status = to;
    return true;
  };
  if (!step("drafted", 0)) return events;
  // 4 % stay drafted (the unit forgot): overdue once 48 h have passed.
  if (rng.chance(0.04)) return events;
  if (!step("sent", rng.chance(0.85) ? rng.int(2, 40) * HOUR : rng.int(50, 200) * HOUR)) return events;
  if (rng.chance(0.05)) return events; // never acknowledged
  if (rng.chance(0.05)) {
    step("declined", rng.int(1, 10) * DAY, "Outside our jurisdiction: forwarded to the competent office");
    return events;
  }
  if (!step("acknowledged", rng.chance(0.85) ? rng.int(1, 6) * DAY : rng.int(8, 14) * DAY)) return events;
  if (rng.chance(0.15)) {
    step("closed", rng.int(20, 90) * DAY, "no_further_action");
    return events;
  }
  if (!step("investigation_opened", rng.int(3, 30) * DAY)) return events;
  // Running investigations owe an update every 30 days; one in ten goes quiet.
  const quiet = rng.chance(0.1);
  const updates = (count: number): boolean => {
    for (let i = 0; i < count; i++) {
      if (!step(status!, (quiet ? rng.int(35, 60) : rng.int(12, 28)) * DAY, rng.pick(UPDATES))) return false;
    }
    return true;
  };
  if (!updates(rng.int(1, 4))) return events;
  if (rng.chance(0.1) && !step("controlled_delivery", rng.int(2, 10) * DAY, "Controlled delivery to the consignee's warehouse")) return events;
  if (rng.chance(0.35)) {
    step("closed", rng.int(40, 160) * DAY, rng.pick(["no_further_action", "merged_with_other_case"]));
    return events;
  }
  if (!step("prosecution", rng.int(30, 120) * DAY, "Charges filed against the organisers")) return events;
  if (!updates(rng.int(1, 3))) return events;
  step("closed", rng.int(30, 150) * DAY, rng.weighted([["conviction", 70], ["acquittal", 15], ["merged_with_other_case", 10], ["other", 5]]));
  return events;
}

/** Referrals of one unit's seizures; 8 % of seizures are never referred (a follow-up gap managers must see). */
export function planReferrals(rng: SeededRandom, unitCode: string, seizures: readonly PlannedSeizure[], now: Date): PlannedReferral[] {
  const referrals: PlannedReferral[] = [];
  for (const seizure of seizures) {
    if (rng.chance(0.08)) continue;
    for (const recipient of recipients(rng, seizure, unitCode)) {
      const events = walk(rng, seizure.at, now);
      const first = events[0];
      const last = events[events.length - 1];
      if (!first || !last) continue;
      const closing = last.to === "closed" || last.to === "declined";
      const sentAt = events.find((e) => e.to === "sent")?.at ?? null;
      // A closing event's note is its outcome (closed) or reason (declined), as transition-referral.ts stores it.
      if (closing) last.note = last.note ?? "other";
      referrals.push({
        id: seededUuid(rng),
        seizureId: seizure.id,
        ...recipient,
        status: last.to,
        outcome: closing ? last.note : null,
        dueAt: dueAtFor(last.to, { seizedAt: seizure.at, sentAt, lastUpdateAt: last.at }, DEFAULT_DEADLINES),
        sentAt,
        acknowledgedAt: events.find((e) => e.to === "acknowledged")?.at ?? null,
        lastUpdateAt: last.at,
        createdAt: first.at,
        events,
      });
    }
  }
  return referrals;
}
