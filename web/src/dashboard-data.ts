// What GET /v1/summaries/dashboard returns (the parts the screen reads), and
// the pure steps between it and what the dashboard shows.
import type { KpiData } from "./kpi-data.js";
import type { MessageKey } from "./i18n.js";
import type { Interval } from "./time-series.js";

export interface SeizureRow {
  key: string;
  seizures: number;
  sharePercent: number;
  quantities: Record<string, number>;
  personsArrested: number;
}

export interface TrendRow {
  period: string;
  key: string;
  seizures: number;
  quantities: Record<string, number>;
  personsArrested: number;
}

export interface FunnelRow {
  key: string;
  seizures: number;
  referred: number;
  referredInTime: number;
  referredInTimePercent: number | null;
  acknowledged: number;
  acknowledgedPercent: number | null;
  investigationsOpened: number;
  controlledDeliveries: number;
  prosecutions: number;
  personsArrested: number;
  overdueReferrals: number;
}

export interface ProfileRow {
  unit: string;
  profile: string;
  version: number;
  assessed: number;
  selected: number;
  selectionRatePercent: number | null;
  inspectedSelected: number;
  hits: number;
  hitRatePercent: number | null;
}

export interface IndicatorRow extends ProfileRow {
  indicator: string;
  label: string | null;
  /** Shipments the indicator fired on that were inspected, selected or not. */
  inspected: number;
  /** Seizures recorded on the shipments it fired on. */
  seizures: number;
}

export interface PilotItem {
  seizureId: string;
  unit: string;
  country: string;
  commodity: string;
  quantity: number;
  quantityUnit: string;
  seizedAt: string;
  personsArrested: number;
  referrals: { id: string; recipientKind: string; recipientName: string | null; status: string; dueAt: string | null; overdue: boolean }[];
  gaps: string[];
}

export interface DashboardData {
  units: string[];
  /** The headline figures (KPI tiles) over the same period and units. */
  kpis: KpiData;
  /** withheldSeizures: seizures in the same units and period that another agency keeps to itself (in no figure). */
  seizures: { groupBy: string; totalSeizures: number; withheldSeizures: number; rows: SeizureRow[] };
  overTime: { interval: Interval; series: string; totalSeizures: number; rows: TrendRow[] };
  referrals: { rows: FunnelRow[] };
  referralsBy: { groupBy: string; rows: FunnelRow[] };
  profiles: { rows: ProfileRow[] };
  indicators: { rows: IndicatorRow[] };
  pilot: { since: string; items: PilotItem[] };
}

/**
 * The funnel's stages, in the order the follow-up happens: a seizure is
 * referred, the referral acknowledged, an investigation opened (with a
 * controlled delivery, perhaps), a prosecution brought. Each stage counts
 * cases that passed the one before.
 */
export function funnelStages(row: FunnelRow): [MessageKey, number][] {
  return [
    ["funnel.seizures", row.seizures],
    ["funnel.referred", row.referred],
    ["funnel.acknowledged", row.acknowledged],
    ["funnel.investigations", row.investigationsOpened],
    ["funnel.controlledDeliveries", row.controlledDeliveries],
    ["funnel.prosecutions", row.prosecutions],
  ];
}

/**
 * Figures shown beside the funnel, not in it: how many referrals went out in
 * time and how many are overdue qualify the "referred" stage, and persons
 * arrested are people, not cases (they may outnumber the seizures).
 */
export function funnelSideFigures(row: FunnelRow): [MessageKey, number][] {
  return [
    ["funnel.referredInTime", row.referredInTime],
    ["funnel.overdue", row.overdueReferrals],
    ["funnel.arrested", row.personsArrested],
  ];
}

/** A country's name in the interface language, with its code: "Ecuador (EC)". */
export function countryName(code: string, language: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return `${new Intl.DisplayNames([language], { type: "region" }).of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

/** The countries of the manager's units, each once, in code order. */
export function countriesOf(units: readonly { country: string }[]): string[] {
  return [...new Set(units.map((u) => u.country))].sort();
}
