// Reads a history once for the builder: every shipment the unit received
// (inspected or not) in date order with its context as of its day, every
// candidate group's raw value, and, for inspected records, the outcome and
// how the box was chosen.
import type { ShipmentInput } from "../shipment.js";
import type { FeatureGroupSpec } from "./feature-catalog.js";
import { FeatureReader, type RawFeatures } from "./feature-extract.js";
import { sightingsOf, walkHistory } from "./history-context.js";
import { dayNumber } from "./time-decay.js";

export type SelectedBy = "random" | "profile" | "officer" | "intelligence" | "unknown";

/** What the builder learns from: a shipment, its inspection outcome, its date. */
export interface HistoryRecord {
  shipment: ShipmentInput;
  /** `critical`: a seizure (it links the shipment's parties to seizures); `commodity` where known. */
  label: { hit: boolean; critical?: boolean | undefined; commodity?: string | undefined };
  /** ISO date (YYYY-MM-DD) of the arrival / declaration. */
  date: string;
  /**
   * When the inspection was made (YYYY-MM-DD or an ISO date-time), when later
   * than `date`: its seizure links the shipment's parties from the day after
   * it, as the unit learnt of it (default: the day after `date`).
   */
  inspectedAt?: string | undefined;
  /** Why the box was opened; random selections are the unbiased sample. */
  selectedBy?: SelectedBy | undefined;
  /** What the random draw hashes for this record (the service's back-test: source and external reference, else the id); default the shipment's id. */
  drawKey?: string | undefined;
}

/** A shipment the unit received but did not inspect: context only (parties, medians). */
export interface UnlabelledShipment {
  shipment: ShipmentInput;
  date: string;
}

export interface PreparedHistory {
  raw: RawFeatures;
  /** Per row (labelled records first, in input order, then unlabelled shipments). */
  dates: string[];
  /** Rows of inspected records, in date order. */
  labelled: number[];
  /** Rows of shipments not inspected, in date order. */
  unlabelled: number[];
  hit: Uint8Array;
  selectedBy: (SelectedBy | undefined)[];
  commodity: (string | undefined)[];
  currency: (string | undefined)[];
}

const byDate = (dates: readonly string[]) => (a: number, b: number) => (dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : a - b);

export function prepareHistory(records: readonly HistoryRecord[], unlabelled: readonly UnlabelledShipment[], groups: readonly FeatureGroupSpec[]): PreparedHistory {
  const sightings = sightingsOf(records, unlabelled);
  const dates = sightings.map((s) => s.date.slice(0, 10));
  let first = dates[0] ?? "1970-01-01";
  for (const d of dates) if (d < first) first = d;
  const reader = new FeatureReader(groups, sightings.length, dayNumber(first));
  walkHistory(sightings, (s, i, ctx) => reader.read(i, s.shipment, ctx, dayNumber(dates[i]!)));
  const labelled = records.map((_, i) => i).sort(byDate(dates));
  const rest = unlabelled.map((_, i) => records.length + i).sort(byDate(dates));
  const hit = new Uint8Array(sightings.length);
  records.forEach((r, i) => {
    hit[i] = r.label.hit ? 1 : 0;
  });
  return {
    raw: reader.raw,
    dates,
    labelled,
    unlabelled: rest,
    hit,
    selectedBy: sightings.map((_, i) => records[i]?.selectedBy),
    commodity: sightings.map((_, i) => records[i]?.label.commodity),
    currency: sightings.map((s) => s.shipment.currency?.toUpperCase()),
  };
}
