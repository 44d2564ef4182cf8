// What every history format produces for one record: a shipment in the
// scorer's shape, its date, and what an inspection found (or that none was
// made). The writer (write-history-batch.ts) stores it; the profile builder
// and the command line read the same shape.
import type { DeclarationRow } from "../../profiling/history/customs-declarations.js";
import type { ShipmentInput } from "../../profiling/shipment.js";

export type InspectionOutcome = "nothing_found" | "seizure" | "irregularity";

/** Why the box was opened, as the history file says it. Stored in inspection.selection as SELECTION_STORED maps it. */
export const SELECTED_BY = ["random", "profile", "officer", "intelligence", "unknown"] as const;
export type SelectedBy = (typeof SELECTED_BY)[number];

/**
 * inspection.selection values: live inspections already write 'self' for an
 * officer's own choice, so history uses the same word; unknown is NULL.
 */
export const SELECTION_STORED: Record<SelectedBy, string | null> = {
  random: "random",
  profile: "profile",
  officer: "self",
  intelligence: "intelligence",
  unknown: null,
};

const SELECTED_BY_STORED = new Map<string, SelectedBy>(
  (Object.entries(SELECTION_STORED) as [SelectedBy, string | null][]).flatMap(([by, stored]) => (stored === null ? [] : [[stored, by] as const])),
);

/** The inverse of SELECTION_STORED: a stored inspection.selection (live or imported) as the history names it. */
export function selectedByOf(stored: string | null): SelectedBy {
  return (stored === null ? undefined : SELECTED_BY_STORED.get(stored)) ?? "unknown";
}

/** One record, ready to store. */
export interface HistoryRow {
  externalRef: string;
  /**
   * YYYY-MM-DD: declaration / arrival date (manifest-jsonl: arrivalDate, else
   * departureDate, else outcome.inspectedAt). Stored as the shipment's
   * arrival_date; the parties' sightings are dated by it.
   */
  date: string;
  shipment: ShipmentInput;
  /** null: the container was not inspected (a context record: party sightings, value medians). */
  outcome: InspectionOutcome | null;
  commodity?: string | undefined;
  selectedBy?: SelectedBy | undefined;
  quantity?: { value: number; unit: string } | undefined;
  /** When the inspection was made (YYYY-MM-DD or ISO date-time); the row's date when absent. */
  inspectedAt?: string | undefined;
  /** Voyage fields the scorer's shape has no place for, kept in shipment.voyage. */
  carrierName?: string | undefined;
  flightNumber?: string | undefined;
}

export type MapResult = { ok: true; row: HistoryRow } | { ok: false; reasons: string[] };

export interface RecordMapper {
  format: string;
  /** Columns the file must have (checked on the header, before any row). */
  requiredColumns: readonly string[];
  /** Column holding the record's own id, for error reports. */
  idColumn: string;
  map(values: DeclarationRow): MapResult;
}
