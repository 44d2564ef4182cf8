// What the KPI tiles receive (GET /v1/summaries/kpis, or `kpis` in the
// dashboard), and the pure step from a change to the words that say it.

/** A count now and in the previous period of equal length. */
export interface CountChange {
  current: number;
  previous: number;
  difference: number;
  /** Null when the previous figure is zero. */
  changePercent: number | null;
}

/** A rate (percent, null when nothing to divide by) now and before; the change in percentage points. */
export interface RateChange {
  current: number | null;
  previous: number | null;
  changePoints: number | null;
}

export interface KpiData {
  period: { from: string; to: string; days: number };
  previousPeriod: { from: string; to: string; days: number };
  units: string[];
  seizures: CountChange & {
    byCommodity: { commodity: string; seizures: CountChange; quantities: (CountChange & { measure: string })[] }[];
  };
  referralFollowUp: RateChange & { now: { seizures: number; referred: number; referredInTime: number } };
  overdueReferrals: CountChange & { asOf: { current: string; previous: string } };
  inspectionHitRate: RateChange & { now: { inspections: number; hits: number } };
}

export type Direction = "up" | "down" | "same";

/** Which way a figure moved: the word the tile shows, never only a colour or an arrow. */
export function directionOf(difference: number | null): Direction | null {
  if (difference === null) return null;
  return difference > 0 ? "up" : difference < 0 ? "down" : "same";
}

/** Whether a move is good news: more seizures, follow-up and hits are; more overdue referrals are not. */
export function isBetter(direction: Direction | null, higherIsBetter: boolean): boolean | null {
  if (direction === null || direction === "same") return null;
  return (direction === "up") === higherIsBetter;
}
